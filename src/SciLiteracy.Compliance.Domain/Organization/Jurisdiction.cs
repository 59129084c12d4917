using NodaTime;

namespace SciLiteracy.Compliance.Domain.Organization;

/// <summary>A county's or city's settings: where its days and times are reckoned.</summary>
public sealed record Jurisdiction(
    string Id,
    string Name,
    string? FullName,
    DateTimeZone TimeZone,
    string CalendarId,
    LocalTime SendTime,
    LocalTime DueTime,
    DueAdjustment Adjust,
    string? DefaultLadderId)
{
    /// <summary>End of day: the default due time when a plan says only "before the date".</summary>
    public static readonly LocalTime EndOfDay = new(23, 59, 59);

    /// <summary>Where the jurisdiction is defined, for warnings about the jurisdiction as a whole.</summary>
    public Obligations.SourceSpan? DefinedAt { get; init; }

    /// <summary>What a 督办单's number starts with ("寻乌纲要办督"); null for the default from the name (see EscalationNumbering).</summary>
    public string? EscalationPrefix { get; init; }
}
