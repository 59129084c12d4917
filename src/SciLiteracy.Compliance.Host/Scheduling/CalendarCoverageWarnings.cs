using Microsoft.Extensions.Logging;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Calendars;

namespace SciLiteracy.Compliance.Scheduling;

/// <summary>
/// Logs the days ahead that no calendar data covers. The worker calls it at start and after every
/// rule reload; the weekly summary lists the same <see cref="CalendarGap"/>s it returns.
/// </summary>
public static class CalendarCoverageWarnings
{
    public static IReadOnlyList<CalendarGap> Log(ILogger logger, RuleSet rules, IClock clock)
    {
        var gaps = CalendarCoverage.Check(rules, clock.GetCurrentInstant());
        foreach (var gap in gaps)
            logger.LogWarning(
                "Calendar {CalendarId} of {Jurisdiction} has no data for {From}..{To}; those days count as Monday to Friday. {Message}",
                gap.CalendarId, gap.JurisdictionId, gap.Days.Start.ToString("uuuu-MM-dd", null), gap.Days.End.ToString("uuuu-MM-dd", null), gap.Message);
        return gaps;
    }
}
