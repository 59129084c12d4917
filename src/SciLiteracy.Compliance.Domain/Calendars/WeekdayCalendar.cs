using NodaTime;

namespace SciLiteracy.Compliance.Domain.Calendars;

/// <summary>Monday to Friday: the fallback for days no calendar data covers.</summary>
public sealed class WeekdayCalendar : IWorkingCalendar
{
    public static readonly WeekdayCalendar Instance = new();
    public bool IsWorkingDay(LocalDate date) => date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday);
}
