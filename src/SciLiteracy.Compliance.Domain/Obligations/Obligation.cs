using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Plans;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Obligations;

/// <summary>A duty of the plan: who must do what, by when, and who is told when it is not done.</summary>
public sealed record Obligation(
    string Id,
    string JurisdictionId,
    string Title,
    ObligationKind Kind,
    SourceCitation Source,
    ImmutableArray<string> ResponsibleUnitIds,
    string ResponsibleDescription,
    ImmutableArray<string> LeadUnitIds,
    string SubmitToUnitId,
    Schedule Schedule,
    Ladder Ladder,
    ConditionExpression? When,
    ConditionExpression? EscalateWhen,
    TemplateNames Templates,
    bool Assumed,
    string? AssumedReason,
    TargetSpec? Target,
    SourceSpan Location,
    ConditionErrorPolicy OnError = ConditionErrorPolicy.Applies)
{
    /// <summary>Standing, bound to a plan, or neither said (legacy packs; validate warns where the jurisdiction has plans).</summary>
    public ObligationTerm Term { get; init; } = ObligationTerm.Unclassified;

    /// <summary>The plan the obligation is bound to (<see cref="ObligationTerm.PlanBound"/>).</summary>
    public string? PlanId { get; init; }

    /// <summary>One line: the clause that makes the obligation standing or plan-bound.</summary>
    public string? TermBasis { get; init; }

    /// <summary>The obligation this one replaces, and from when.</summary>
    public Supersession? Supersedes { get; init; }
}
