using System.Globalization;
using NodaTime;
using NodaTime.Calendars;

namespace SciLiteracy.Compliance.Domain.Scheduling;

public sealed record WeeklySchedule(IsoDayOfWeek Day, LocalDate From, LocalDate Until) : Schedule
{
    private static readonly string[] DayNames = ["", "一", "二", "三", "四", "五", "六", "日"];

    public override IEnumerable<ScheduledPeriod> Periods()
    {
        var d = From.With(DateAdjusters.NextOrSame(Day));
        for (; d <= Until; d = d.PlusWeeks(1))
        {
            var week = WeekYearRules.Iso.GetWeekOfWeekYear(d);
            var weekYear = WeekYearRules.Iso.GetWeekYear(d);
            yield return new(string.Create(CultureInfo.InvariantCulture, $"{weekYear}-W{week:00}"), d);
        }
    }
    public override string Describe() => $"每周{DayNames[(int)Day]}（{DatesInWords(From, Until)}）";
}
