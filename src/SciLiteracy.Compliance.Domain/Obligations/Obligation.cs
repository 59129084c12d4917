using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Directory;
using SciLiteracy.Compliance.Domain.Plans;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Obligations;

public enum ObligationKind { Report, Plan, Meeting, Activity, Phase, Evaluation, Commendation, Target }

/// <summary>What a condition that faults at run time (division by zero, no progress recorded) counts as.</summary>
public enum ConditionErrorPolicy { Applies, Skip }

/// <summary>Where in a rule file something was written: kept so that later stages can point at it.</summary>
public readonly record struct SourceSpan(string Path, int Line, int Column)
{
    public override string ToString() => $"{Path}:{Line}:{Column}";
}

/// <summary>
/// The clause an obligation comes from, quoted verbatim: of a seed plan (<see cref="File"/>) or of a notice
/// (<see cref="Notice"/>); exactly one of the two is set. A notice's clause is optional.
/// </summary>
public sealed record SourceCitation(string? File, string? Clause, string Quote)
{
    public NoticeReference? Notice { get; init; }

    /// <summary>Where the citation's file is named in the rule file, for the warning when no such seed file exists.</summary>
    public SourceSpan? FileLocation { get; init; }

    /// <summary>The document in words: the seed file's name or the notice's citation.</summary>
    public string Document => Notice?.ToString() ?? File ?? "";
}

/// <summary>A condition in C# syntax, kept with its location in the rule file.</summary>
public sealed record ConditionExpression(string Text, SourceSpan Location);

public enum Relation { Unit, Lead, Office, Leadership, SubmitTo, Named }

/// <summary>Who receives a step: a role in a unit found by its relation to the occurrence.</summary>
public sealed record RecipientSelector(Relation Relation, string? NamedUnitId, Role Role)
{
    public override string ToString() =>
        $"{(Relation == Relation.Named ? NamedUnitId : char.ToLowerInvariant(Relation.ToString()[0]) + Relation.ToString()[1..])}.{Role.ToString().ToLowerInvariant()}";
}

public sealed record ReminderStep(DayOffset Before, ImmutableArray<RecipientSelector> To, ConditionExpression? When);

public sealed record EscalationStep(DayOffset After, ImmutableArray<RecipientSelector> To, ConditionExpression? When)
{
    public bool IsUrge => After.Amount == 0;
}

public sealed record Ladder(string Id, ImmutableArray<ReminderStep> Reminders, ImmutableArray<EscalationStep> Escalation)
{
    public static readonly Ladder Empty = new("", [], []);
}

public sealed record TemplateNames(string Remind, string Urge, string Escalate)
{
    public static readonly TemplateNames Default = new("reminder", "urging", "escalation");
}

public enum TargetDirection { Increase, Decrease }

public sealed record TargetValue(decimal Value, NodaTime.LocalDate AsOf);

public sealed record TargetSpec(
    string Indicator,
    TargetValue? Baseline,
    decimal Value,
    NodaTime.LocalDate By,
    string Unit,
    TargetDirection Direction,
    decimal? AtRiskMargin)
{
    /// <summary>Area: one target for the whole area, judged once for the responsible (office or lead) unit.</summary>
    public TargetScope Scope { get; init; } = TargetScope.Unit;

    /// <summary>Units that contribute to an area target (told about it, not judged on their own).</summary>
    public ImmutableArray<string> ContributorUnitIds { get; init; } = [];
}

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
