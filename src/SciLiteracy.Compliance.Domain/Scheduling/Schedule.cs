using SciLiteracy.Compliance.Domain.Organization;
using System.Globalization;
using NodaTime;

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

    public abstract IEnumerable<ScheduledPeriod> Periods();

    /// <summary>The schedule in words, in Chinese, for catalogs and messages.</summary>
    public abstract string Describe();

    protected static string Iso(LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
