using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Directory;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>Identifies one occurrence across runs: what submissions, extensions and the ledger refer to.</summary>
public readonly record struct OccurrenceKey(string ObligationId, string UnitId, string Period)
{
    public override string ToString() => $"{ObligationId}/{UnitId}/{Period}";
}

/// <summary>One unit's instance of an obligation for one period, with its due moment in local time.</summary>
public sealed record Occurrence(Obligation Obligation, Unit Unit, string Period, LocalDate NominalDue, ZonedDateTime Due)
{
    public OccurrenceKey Key => new(Obligation.Id, Unit.Id, Period);
}

public enum NotificationKind { Remind, Urge, Escalate, AtRisk }

public static class NotificationKinds
{
    /// <summary>The name the ledger, `plan` and rule tests use: remind, urge, escalate, at-risk.</summary>
    public static string Name(NotificationKind kind) => kind == NotificationKind.AtRisk ? "at-risk" : kind.ToString().ToLowerInvariant();
}

public sealed record Recipient(string UnitId, string UnitName, Role Role, string Name, string Email);

/// <summary>A message an occurrence causes if nothing is submitted: which step, when, to whom.</summary>
public sealed record PlannedNotification(
    Occurrence Occurrence,
    NotificationKind Kind,
    int Step,
    ZonedDateTime SendAt,
    ImmutableArray<Recipient> Recipients,
    ConditionExpression? When)
{
    /// <summary>Total order of steps within an occurrence: every reminder before the urge and escalations.</summary>
    public int Rank => Kind == NotificationKind.Remind ? Step : 1000 + Step;
}
