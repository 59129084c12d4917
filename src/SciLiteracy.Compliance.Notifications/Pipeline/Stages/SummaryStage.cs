using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>Stage summary: the weekly summary to the office, one per jurisdiction and ISO week, once its moment has come.</summary>
public sealed class SummaryStage(PipelineOptions options) : ICycleStage
{
    public const string SummaryObligation = "weekly-summary";

    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        foreach (var directory in c.Rules.Directories.Values.OrderBy(d => d.Jurisdiction.Id, StringComparer.Ordinal))
        {
            var j = directory.Jurisdiction;
            var today = c.Now.InZone(j.TimeZone).Date;
            var day = today.With(DateAdjusters.PreviousOrSame(options.SummaryDay));
            var moment = Moment(c.Rules, j, day);
            if (moment > c.Now || moment < c.Epoch) continue;
            var key = new OccurrenceKey(SummaryObligation, j.Id, WeekLabel(day));
            foreach (var person in RecipientsOf(directory))
                c.Candidates.AddRange(c.RowsFor(person.AddressOn, (_, address) => new LedgerRow(key, NotificationKinds.Summary, 1, address,
                    LedgerStatus.Pending, 0, null, null, null, c.Now - moment > options.Grace, moment, c.Now, null)));
        }
        return Task.CompletedTask;
    }

    /// <summary>Who reads the weekly summary: the office's liaison people; nobody where the jurisdiction names no office.</summary>
    public static IEnumerable<Person> RecipientsOf(UnitDirectory directory) =>
        directory.Office is { } office ? directory.PeopleOf(office.Id, Role.Liaison) : [];

    /// <summary>
    /// Every weekly-summary moment in [from, to], per jurisdiction: what the stage will send (`simulate` steps through
    /// these, `plan` lists them). From a week early, since a summary day off before the window can move into it.
    /// </summary>
    public static IEnumerable<(UnitDirectory Directory, OccurrenceKey Key, Instant Moment)> MomentsBetween(RuleSet set, PipelineOptions options, Instant from, Instant to)
    {
        foreach (var directory in set.Directories.Values.OrderBy(d => d.Jurisdiction.Id, StringComparer.Ordinal))
        {
            var j = directory.Jurisdiction;
            for (var day = from.InZone(j.TimeZone).Date.PlusDays(-7); day <= to.InZone(j.TimeZone).Date; day = day.PlusDays(1))
                if (day.DayOfWeek == options.SummaryDay && Moment(set, j, day) is var m && m >= from && m <= to)
                    yield return (directory, new OccurrenceKey(SummaryObligation, j.Id, WeekLabel(day)), m);
        }
    }

    /// <summary>The summary day's send window, or the next working day's when the summary day is a day off, as for every message.</summary>
    public static Instant Moment(RuleSet set, Jurisdiction j, LocalDate day) =>
        set.CalendarOf(j).NextWorkingDayOnOrAfter(day).At(j.SendTime).InZoneLeniently(j.TimeZone).ToInstant();

    private static string WeekLabel(LocalDate day) =>
        $"{NodaTime.Calendars.WeekYearRules.Iso.GetWeekYear(day)}-W{NodaTime.Calendars.WeekYearRules.Iso.GetWeekOfWeekYear(day):00}";
}
