using System.Collections.Immutable;
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
    ConditionErrorPolicy OnError = ConditionErrorPolicy.Applies);
