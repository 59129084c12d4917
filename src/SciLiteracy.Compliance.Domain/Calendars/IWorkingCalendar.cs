using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Calendars;

/// <summary>Which days are working days. Everything about "working days" goes through this.</summary>
public interface IWorkingCalendar
{
    bool IsWorkingDay(LocalDate date);
}
