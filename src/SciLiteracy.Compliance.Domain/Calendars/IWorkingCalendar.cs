using NodaTime;

namespace SciLiteracy.Compliance.Domain.Calendars;

/// <summary>Which days are working days. Everything about "working days" goes through this.</summary>
public interface IWorkingCalendar
{
    bool IsWorkingDay(LocalDate date);
}
