using System.Globalization;
using NodaTime;

namespace SciLiteracy.Compliance.Domain.Scheduling;

/// <summary>Quarterly, due on a day of the month after each quarter (季后N日).</summary>
public sealed record QuarterlySchedule(int Day, LocalDate From, LocalDate Until) : Schedule
{
    public override IEnumerable<ScheduledPeriod> Periods()
    {
        for (var q = new YearMonth(From.Year, ((From.Month - 1) / 3 * 3) + 1); q.OnDayOfMonth(1) <= Until; q = q.PlusMonths(3))
        {
            var after = q.PlusMonths(3);
            var due = after.OnDayOfMonth(Math.Min(Day, after.ToDateInterval().End.Day));
            if (due >= From && due <= Until)
                yield return new(string.Create(CultureInfo.InvariantCulture, $"{q.Year}-Q{((q.Month - 1) / 3) + 1}"), due);
        }
    }
    public override string Describe() => $"每季度后{Day}日（{DatesInWords(From, Until)}）";
}
