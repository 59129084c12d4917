using System.Collections.Immutable;
using NodaTime;

namespace SciLiteracy.Compliance.Domain.Calendars;

/// <summary>
/// A working-day calendar backed by yearly data: a listed day off is off, a listed working day is
/// working, any other day is Monday to Friday. Days in years without data are Monday to Friday too,
/// and <see cref="Covers"/> says which days the data speaks for.
/// </summary>
public sealed class YearlyHolidayCalendar : IWorkingCalendar
{
    private readonly ImmutableDictionary<LocalDate, ListedDay> listed;

    public YearlyHolidayCalendar(string id, IEnumerable<int> coveredYears, IEnumerable<ListedDay> days)
    {
        Id = id;
        CoveredYears = coveredYears.ToImmutableSortedSet();
        listed = days.ToImmutableDictionary(d => d.Date);
    }

    public string Id { get; }
    public ImmutableSortedSet<int> CoveredYears { get; }

    public bool Covers(LocalDate date) => CoveredYears.Contains(date.Year);

    public bool IsWorkingDay(LocalDate date) =>
        listed.TryGetValue(date, out var day) ? day.IsWorkingDay : WeekdayCalendar.Instance.IsWorkingDay(date);

    /// <summary>Every listed day, earliest first.</summary>
    public IEnumerable<ListedDay> ListedDays => listed.Values.OrderBy(d => d.Date);

    /// <summary>The holiday or adjusted working day on this date, if the data lists one.</summary>
    public ListedDay? Listed(LocalDate date) => listed.GetValueOrDefault(date);
}
