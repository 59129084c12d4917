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
}
