using NodaTime;
using Quartz;
using Quartz.Impl.Calendar;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Calendars;

namespace SciLiteracy.Compliance.Scheduling;

/// <summary>
/// A Quartz calendar that includes exactly the working days of a jurisdiction's calendar, in the
/// jurisdiction's time zone. Use it with a daily trigger, not a MON-FRI cron: the calendar removes
/// the holidays, and only a daily trigger can fire on an adjusted working Saturday (调休).
/// </summary>
public sealed class WorkingDayQuartzCalendar : BaseCalendar
{
    // No calendar has this many days off in a row; the bound keeps a broken calendar from looping.
    private const int MaxSearchDays = 366;

    public WorkingDayQuartzCalendar(IWorkingCalendar workingDays, DateTimeZone zone)
        : base(TimeZoneInfo.FindSystemTimeZoneById(zone.Id))
    {
        WorkingDays = workingDays;
        Zone = zone;
        Description = $"working days ({zone.Id})";
    }

    public IWorkingCalendar WorkingDays { get; }
    public DateTimeZone Zone { get; }

    /// <summary>The name a jurisdiction's calendar is registered under in the scheduler.</summary>
    public static string NameFor(string jurisdictionId) => $"working-days.{jurisdictionId}";

    /// <summary>Adds (or replaces, re-computing the triggers that use it) each jurisdiction's calendar; call it again after every rule reload.</summary>
    public static async Task RegisterAsync(IScheduler scheduler, RuleSet rules, CancellationToken cancellationToken = default)
    {
        foreach (var directory in rules.Directories.Values)
        {
            var jurisdiction = directory.Jurisdiction;
            var calendar = new WorkingDayQuartzCalendar(rules.CalendarOf(jurisdiction), jurisdiction.TimeZone);
            await scheduler.AddCalendar(NameFor(jurisdiction.Id), calendar, AddCalendarOptions.ReplacingAndUpdatingTriggers, cancellationToken);
        }
    }

    public override bool IsTimeIncluded(DateTimeOffset timeUtc) =>
        base.IsTimeIncluded(timeUtc) && WorkingDays.IsWorkingDay(DateIn(timeUtc));

    public override DateTimeOffset GetNextIncludedTimeUtc(DateTimeOffset timeUtc)
    {
        var candidate = base.GetNextIncludedTimeUtc(timeUtc);
        for (var i = 0; i < MaxSearchDays; i++)
        {
            if (IsTimeIncluded(candidate)) return candidate;
            // Jump to the start of the next local day and let the base calendar have its say again.
            var nextDay = Zone.AtStartOfDay(DateIn(candidate).PlusDays(1)).ToDateTimeOffset();
            candidate = base.GetNextIncludedTimeUtc(nextDay);
        }
        return DateTimeOffset.MinValue; // Quartz's "nothing is included"
    }

    public override ICalendar Clone() => CloneFields(new WorkingDayQuartzCalendar(WorkingDays, Zone));

    private LocalDate DateIn(DateTimeOffset time) => Instant.FromDateTimeOffset(time).InZone(Zone).Date;
}
