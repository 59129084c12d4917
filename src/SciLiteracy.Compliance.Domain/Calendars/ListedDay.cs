using NodaTime;

namespace SciLiteracy.Compliance.Domain.Calendars;

/// <summary>A day a calendar file lists: a day off (a holiday) or an adjusted working day (调休).</summary>
public sealed record ListedDay(LocalDate Date, bool IsWorkingDay, string? Name);
