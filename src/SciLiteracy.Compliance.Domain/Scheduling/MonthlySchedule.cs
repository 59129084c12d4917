using System.Globalization;
using NodaTime;

namespace SciLiteracy.Compliance.Domain.Scheduling;

/// <summary>Monthly on a day of the month (null day: the month's last day).</summary>
public sealed record MonthlySchedule(int? Day, LocalDate From, LocalDate Until) : Schedule
{
    public override IEnumerable<ScheduledPeriod> Periods()
    {
        for (var m = new YearMonth(From.Year, From.Month); m.OnDayOfMonth(1) <= Until; m = m.PlusMonths(1))
        {
            var due = DayIn(m);
            if (due >= From && due <= Until)
                yield return new(string.Create(CultureInfo.InvariantCulture, $"{m.Year}-{m.Month:00}"), due);
        }
    }

    private LocalDate DayIn(YearMonth m) => m.OnDayOfMonth(Math.Min(Day ?? 31, m.ToDateInterval().End.Day));
    public override string Describe() => Day is null ? $"每月最后一天（{DatesInWords(From, Until)}）" : $"每月{Day}日（{DatesInWords(From, Until)}）";
}
