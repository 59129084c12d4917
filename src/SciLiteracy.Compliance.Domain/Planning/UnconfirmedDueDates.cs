using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>
/// Occurrences due in a year the holiday data does not cover. The policy (docs/calendars.md): such days count by weekends
/// only, never silently — validate warns, every email and the weekly summary mark each such date 待国务院安排确认, until
/// the year's calendar file is added (then the dates move as the notice says, and the marks go).
/// </summary>
public static class UnconfirmedDueDates
{
    public const string Mark = "待国务院安排确认";

    public static bool IsUnconfirmed(RuleSet rules, Occurrence occurrence) =>
        !CalendarCoverage.Covers(rules.CalendarOf(rules.DirectoryOf(occurrence.Obligation).Jurisdiction), occurrence.NominalDue);

    /// <summary>The jurisdiction's occurrences due in from..to on days without holiday data, earliest first.</summary>
    public static IReadOnlyList<Occurrence> Of(Planner planner, string jurisdictionId, LocalDate from, LocalDate to) =>
        planner.Occurrences(from, to, jurisdictionId).Where(o => IsUnconfirmed(planner.Rules, o)).ToList();
}
