using NodaTime;

namespace SciLiteracy.Compliance.Domain.Calendars;

/// <summary>Which days a working-day calendar has no data for.</summary>
public static class CalendarCoverage
{
    /// <summary>How far ahead the service wants calendar data: reminders go out up to weeks before a due date.</summary>
    public const int LookAheadDays = 60;

    /// <summary>
    /// Whether the State Council's holiday data speaks for the day. Where it does not, the day counts by weekends only,
    /// and every due date on it is shown as 待国务院安排确认 (docs/calendars.md).
    /// </summary>
    public static bool Covers(IWorkingCalendar calendar, LocalDate day) => calendar is YearlyHolidayCalendar data && data.Covers(day);

    /// <summary>
    /// The runs of days in <paramref name="from"/>..<paramref name="to"/> (inclusive) the calendar has no
    /// data for, earliest first. A calendar without data (Monday to Friday) covers nothing.
    /// </summary>
    public static IReadOnlyList<DateInterval> Gaps(IWorkingCalendar calendar, LocalDate from, LocalDate to)
    {
        var gaps = new List<DateInterval>();
        LocalDate? start = null;
        for (var day = from; day <= to; day = day.PlusDays(1))
        {
            var covered = Covers(calendar, day);
            if (!covered && start is null) start = day;
            if (covered && start is { } s) { gaps.Add(new DateInterval(s, day.PlusDays(-1))); start = null; }
        }
        if (start is { } open) gaps.Add(new DateInterval(open, to));
        return gaps;
    }

    /// <summary>
    /// The hook for the service (at start, after every reload, and for the weekly summary): each
    /// jurisdiction's (or one jurisdiction's) gaps in the <paramref name="days"/> days from its own today on.
    /// </summary>
    public static IReadOnlyList<CalendarGap> Check(RuleSet rules, Instant now, int days = LookAheadDays, string? jurisdictionId = null) => rules.Directories.Values
        .Select(d => d.Jurisdiction)
        .Where(j => jurisdictionId is null || j.Id == jurisdictionId)
        .OrderBy(j => j.Id, StringComparer.Ordinal)
        .SelectMany(j =>
        {
            var today = now.InZone(j.TimeZone).Date;
            return Gaps(rules.CalendarOf(j), today, today.PlusDays(days - 1)).Select(g => new CalendarGap(j.Id, j.CalendarId, g));
        })
        .ToList();
}
