using NodaTime;

namespace SciLiteracy.Compliance.Domain.Scheduling;

/// <summary>One period of a schedule: its label (what a unit submits for) and its nominal due date.</summary>
public readonly record struct ScheduledPeriod(string Period, LocalDate NominalDue);
