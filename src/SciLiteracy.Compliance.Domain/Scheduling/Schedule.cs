using System.Globalization;
using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;

namespace SciLiteracy.Compliance.Domain.Scheduling;

/// <summary>
/// When an obligation falls due. Every recurrence is bounded (first and last period), so the set of
/// periods is finite; the loader guarantees first &lt;= last.
/// </summary>
public abstract record Schedule
{
    /// <summary>Time of day the work is due; null means the jurisdiction's default.</summary>
    public LocalTime? DueTime { get; init; }

    /// <summary>Policy for a due date on a day off; null means the jurisdiction's default.</summary>
    public DueAdjustment? Adjust { get; init; }

    /// <summary>
    /// A standing duty with no end: its last period is <see cref="OpenEndYear"/>, a bound far enough out that
    /// nothing plans that far, so that the set of periods stays finite.
    /// </summary>
    public bool OpenEnded { get; init; }

    public const int OpenEndYear = 2100;

    /// <summary>Periods in order of their nominal due date.</summary>
    public abstract IEnumerable<ScheduledPeriod> Periods();

    /// <summary>The schedule in words, in Chinese, for catalogs and messages.</summary>
    public abstract string Describe();

    protected static string Iso(LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The years of a recurrence in words: 2027年 for one, 2022—2025年 for several, 2026年起 for a standing duty.</summary>
    protected string YearsInWords(int from, int until) =>
        OpenEnded ? $"{from}年起" : from == until ? $"{from}年" : $"{from}—{until}年";

    protected string DatesInWords(LocalDate from, LocalDate until) => OpenEnded ? $"{Iso(from)}起" : $"{Iso(from)}至{Iso(until)}";
}
