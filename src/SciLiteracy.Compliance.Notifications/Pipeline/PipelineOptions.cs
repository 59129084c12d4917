using NodaTime;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>Settings of the sending pipeline; defaults suit a county office.</summary>
public sealed record PipelineOptions
{
    /// <summary>A step sent more than this after its planned moment is marked late (迟发) in the message.</summary>
    public Duration Grace { get; init; } = Duration.FromHours(1);

    /// <summary>
    /// After this many failed attempts (a server down or refusing for now) a message is flagged, the office is told, and it
    /// is not tried again until the office asks (`scilit retry`). With the default backoff, 12 attempts span about 35 hours.
    /// A refusal for good (5xx) is flagged at the first attempt.
    /// </summary>
    public int MaxAttempts { get; init; } = 12;

    /// <summary>Backoff after the first failure; doubles with every further failure up to <see cref="RetryMax"/>.</summary>
    public Duration RetryBase { get; init; } = Duration.FromMinutes(5);
    public Duration RetryMax { get; init; } = Duration.FromHours(6);

    public string From { get; init; } = "scilit@localhost";

    /// <summary>The action links of each item (null: none, as in `simulate` without a web interface).</summary>
    public IActionLinkSource? Links { get; init; }

    /// <summary>The weekly summary calls an open occurrence "due soon" within this many days.</summary>
    public int DueSoonDays { get; init; } = 30;

    /// <summary>An overdue item of an ended plan older than this is archived: out of the open list, counted apart (see <see cref="Backlog"/>).</summary>
    public int ArchiveAfterDays { get; init; } = Backlog.DefaultArchiveAfterDays;

    /// <summary>How many overdue items the weekly summary names (by unit, then duty); the rest are counted, with the board's link.</summary>
    public int SummaryListsOverdue { get; init; } = 30;

    /// <summary>The weekly summary goes out on this day at the jurisdiction's send time.</summary>
    public IsoDayOfWeek SummaryDay { get; init; } = IsoDayOfWeek.Monday;
}
