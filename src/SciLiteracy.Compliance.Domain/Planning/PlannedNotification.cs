using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

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
    public int Rank => NotificationKinds.Rank(Kind, Step);
}
