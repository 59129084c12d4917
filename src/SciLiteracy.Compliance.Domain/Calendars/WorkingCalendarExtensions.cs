using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Calendars;

public static class WorkingCalendarExtensions
{
    // A bound on any search for a working day: no calendar has a year of days off in a row.
    private const int MaxSearchDays = 366;

    public static LocalDate NextWorkingDayOnOrAfter(this IWorkingCalendar calendar, LocalDate date) => Step(calendar, date, +1, includeStart: true);
    public static LocalDate PreviousWorkingDayOnOrBefore(this IWorkingCalendar calendar, LocalDate date) => Step(calendar, date, -1, includeStart: true);

    public static LocalDate Adjust(this IWorkingCalendar calendar, LocalDate due, DueAdjustment adjustment) => adjustment switch
    {
        DueAdjustment.PreviousWorkday => calendar.PreviousWorkingDayOnOrBefore(due),
        DueAdjustment.NextWorkday => calendar.NextWorkingDayOnOrAfter(due),
        _ => due,
    };

    /// <summary>Moves <paramref name="date"/> by <paramref name="offset"/>, forwards (sign +1) or backwards (-1).</summary>
    public static LocalDate Move(this IWorkingCalendar calendar, LocalDate date, DayOffset offset, int sign)
    {
        if (offset.Unit == OffsetUnit.Days) return date.PlusDays(sign * offset.Amount);
        var result = date;
        for (var i = 0; i < offset.Amount; i++) result = Step(calendar, result, sign, includeStart: false);
        return result;
    }

    private static LocalDate Step(IWorkingCalendar calendar, LocalDate date, int sign, bool includeStart)
    {
        var d = includeStart ? date : date.PlusDays(sign);
        for (var i = 0; i < MaxSearchDays; i++, d = d.PlusDays(sign))
            if (calendar.IsWorkingDay(d)) return d;
        throw new InvalidOperationException($"No working day within {MaxSearchDays} days of {date}.");
    }
}
