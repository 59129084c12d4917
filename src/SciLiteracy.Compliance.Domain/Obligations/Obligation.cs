using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Directory;
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

/// <summary>The clause of the source plan an obligation comes from, quoted verbatim.</summary>
public sealed record SourceCitation(string File, string Clause, string Quote);

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
    decimal? AtRiskMargin);

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
