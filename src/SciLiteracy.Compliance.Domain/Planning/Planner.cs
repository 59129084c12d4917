using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>
/// Turns rules into occurrences and the notifications they cause if nothing is submitted.
/// Pure: the same rules and window always give the same plan. `plan`, `simulate` and `run` all use it.
/// </summary>
public sealed class Planner(RuleSet rules, IConditionEvaluator? conditions = null)
{
    // Conditions decide which occurrences exist and which steps are sent; by default the rule set's compiled ones.
    private readonly IConditionEvaluator conditions = conditions ?? rules.Conditions;

    /// <summary>Ladders reach at most this far from a due date; occurrences further from a window cannot touch it.</summary>
    public const int MaxReachDays = 400;

    public RuleSet Rules => rules;

    /// <summary>
    /// Occurrences whose due date or any notification lies in the window (local dates, inclusive); <paramref name="effective"/>
    /// gives an occurrence as it stands (an extension's new due date), so its ladder is planned from there.
    /// </summary>
    public IEnumerable<(Occurrence Occurrence, ImmutableArray<PlannedNotification> Notifications)> Plan(LocalDate from, LocalDate to,
        Func<Occurrence, Occurrence>? effective = null)
    {
        foreach (var nominal in Occurrences(from.PlusDays(-MaxReachDays), to.PlusDays(MaxReachDays)))
        {
            var occurrence = effective?.Invoke(nominal) ?? nominal;
            var inWindow = Notifications(occurrence)
                .Where(n => n.SendAt.Date >= from && n.SendAt.Date <= to)
                .ToImmutableArray();
            var dueInWindow = occurrence.Due.Date >= from && occurrence.Due.Date <= to;
            if (dueInWindow || inWindow.Length > 0) yield return (occurrence, inWindow);
        }
    }

    /// <summary>Every occurrence with a nominal due date in the range (of one jurisdiction, when given), ordered by due, obligation, unit.</summary>
    public IEnumerable<Occurrence> Occurrences(LocalDate from, LocalDate to, string? jurisdictionId = null)
    {
        var result = new List<Occurrence>();
        foreach (var obligation in rules.Obligations)
        {
            if (jurisdictionId is not null && obligation.JurisdictionId != jurisdictionId) continue;
            var directory = rules.DirectoryOf(obligation);
            // Periods come in order of their due date: stop at the window's end (a standing duty runs to Schedule.OpenEndYear).
            foreach (var period in obligation.Schedule.Periods().TakeWhile(p => p.NominalDue <= to))
            {
                if (period.NominalDue < from || !rules.Runs(obligation, period.NominalDue)) continue;
                foreach (var unitId in obligation.ResponsibleUnitIds)
                {
                    var occurrence = CreateOccurrence(obligation, directory, directory.FindUnit(unitId)!, period.Period, period.NominalDue);
                    if (conditions.Applies(occurrence)) result.Add(occurrence);
                }
            }
        }
        return result
            .OrderBy(o => o.Due.ToInstant())
            .ThenBy(o => o.Obligation.Id, StringComparer.Ordinal)
            .ThenBy(o => o.Unit.Id, StringComparer.Ordinal);
    }

    /// <summary>The occurrence for a key, if the rules define it.</summary>
    public Occurrence? Find(OccurrenceKey key)
    {
        if (!rules.ObligationsById.TryGetValue(key.ObligationId, out var obligation)) return null;
        var directory = rules.DirectoryOf(obligation);
        var unit = directory.FindUnit(key.UnitId);
        if (unit is null || !obligation.ResponsibleUnitIds.Contains(key.UnitId)) return null;
        foreach (var period in obligation.Schedule.Periods())
            if (period.Period == key.Period && rules.Runs(obligation, period.NominalDue))
            {
                var occurrence = CreateOccurrence(obligation, directory, unit, period.Period, period.NominalDue);
                return conditions.Applies(occurrence) ? occurrence : null;
            }
        return null;
    }

    /// <summary>The same occurrence with a new due date (an extension granted to the unit).</summary>
    public Occurrence Extend(Occurrence occurrence, LocalDate until)
    {
        var jurisdiction = rules.DirectoryOf(occurrence.Obligation).Jurisdiction;
        var time = occurrence.Obligation.Schedule.DueTime ?? jurisdiction.DueTime;
        return occurrence with { Due = until.At(time).InZoneLeniently(jurisdiction.TimeZone) };
    }

    /// <summary>The reminders, urging and escalations of an occurrence, in send order.</summary>
    public ImmutableArray<PlannedNotification> Notifications(Occurrence occurrence)
    {
        var obligation = occurrence.Obligation;
        var directory = rules.DirectoryOf(obligation);
        var jurisdiction = directory.Jurisdiction;
        var calendar = rules.CalendarOf(jurisdiction);
        var due = occurrence.Due.Date;
        var result = ImmutableArray.CreateBuilder<PlannedNotification>();

        var step = 0;
        foreach (var reminder in obligation.Ladder.Reminders)
            result.Add(new(occurrence, NotificationKind.Remind, ++step, SendMoment(jurisdiction, ReminderDate(calendar, due, reminder)),
                Resolve(reminder.To, occurrence, directory), reminder.When));
        step = 0;
        foreach (var escalation in obligation.Ladder.Escalation)
            result.Add(new(occurrence, escalation.IsUrge ? NotificationKind.Urge : NotificationKind.Escalate, ++step,
                SendMoment(jurisdiction, EscalationDate(calendar, due, escalation)), Resolve(escalation.To, occurrence, directory), escalation.When));
        return result.Where(conditions.StepApplies).OrderBy(n => n.SendAt.ToInstant()).ThenBy(n => n.Rank).ToImmutableArray();
    }

    /// <summary>
    /// Whether any step of the occurrence's ladder is sent in (<paramref name="after"/>, <paramref name="upTo"/>]: a cheap test
    /// (no recipients, no conditions) that lets a cycle skip occurrences with nothing new since the previous one.
    /// </summary>
    public bool HasStepBetween(Occurrence occurrence, Instant after, Instant upTo)
    {
        var ladder = occurrence.Obligation.Ladder;
        var jurisdiction = rules.DirectoryOf(occurrence.Obligation).Jurisdiction;
        var calendar = rules.CalendarOf(jurisdiction);
        var due = occurrence.Due.Date;
        bool Between(LocalDate date) => SendMoment(jurisdiction, date).ToInstant() is var at && at > after && at <= upTo;
        return ladder.Reminders.Any(r => Between(ReminderDate(calendar, due, r))) || ladder.Escalation.Any(e => Between(EscalationDate(calendar, due, e)));
    }

    /// <summary>
    /// How far from its nominal due date, in calendar days, any step of these rules can be sent: a bound generous by the
    /// longest runs of days off (the due date moved to a working day, the step moved to one, holidays inside working-day counts).
    /// </summary>
    public (int Before, int After) Reach => reach ??= ComputeReach();
    private (int Before, int After)? reach;

    private const int LongestRunOfDaysOff = 16;

    private (int Before, int After) ComputeReach()
    {
        static int Days(DayOffset offset) => offset.Unit == OffsetUnit.Days
            ? offset.Amount + 2 * LongestRunOfDaysOff
            : 2 * offset.Amount + 3 * LongestRunOfDaysOff;
        var before = 2 * LongestRunOfDaysOff;
        var after = 2 * LongestRunOfDaysOff;
        foreach (var ladder in rules.Obligations.Select(o => o.Ladder).Distinct())
        {
            foreach (var r in ladder.Reminders) before = Math.Max(before, Days(r.Before));
            foreach (var e in ladder.Escalation) after = Math.Max(after, Days(e.After));
        }
        return (before, after);
    }

    private static LocalDate ReminderDate(IWorkingCalendar calendar, LocalDate due, ReminderStep reminder) =>
        calendar.NextWorkingDayOnOrAfter(calendar.Move(due, reminder.Before, -1));

    private static LocalDate EscalationDate(IWorkingCalendar calendar, LocalDate due, EscalationStep escalation) =>
        calendar.NextWorkingDayOnOrAfter(calendar.Move(due, escalation.After, +1));

    private Occurrence CreateOccurrence(Obligation obligation, UnitDirectory directory, Unit unit, string period, LocalDate nominalDue)
    {
        var jurisdiction = directory.Jurisdiction;
        var adjusted = rules.CalendarOf(jurisdiction).Adjust(nominalDue, obligation.Schedule.Adjust ?? jurisdiction.Adjust);
        var time = obligation.Schedule.DueTime ?? jurisdiction.DueTime;
        return new Occurrence(obligation, unit, period, nominalDue, adjusted.At(time).InZoneLeniently(jurisdiction.TimeZone));
    }

    private static ZonedDateTime SendMoment(Jurisdiction jurisdiction, LocalDate date) =>
        date.At(jurisdiction.SendTime).InZoneLeniently(jurisdiction.TimeZone);

    /// <summary>The people a step goes to, each address once, in the order the step names them.</summary>
    public static ImmutableArray<Recipient> Resolve(IEnumerable<RecipientSelector> selectors, Occurrence occurrence, UnitDirectory directory)
    {
        var result = ImmutableArray.CreateBuilder<Recipient>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var selector in selectors)
            foreach (var unit in UnitsFor(selector, occurrence, directory))
                foreach (var person in directory.PeopleOf(unit.Id, selector.Role))
                    if (seen.Add(person.Email))
                        result.Add(new Recipient(unit.Id, unit.Name, person.Role, person.Name, person.Email) { Channels = person.Channels });
        return result.ToImmutable();
    }

    private static IEnumerable<Unit> UnitsFor(RecipientSelector selector, Occurrence occurrence, UnitDirectory directory)
    {
        var obligation = occurrence.Obligation;
        IEnumerable<string?> ids = selector.Relation switch
        {
            Relation.Unit => new string?[] { occurrence.Unit.Id },
            Relation.Lead => (obligation.LeadUnitIds.IsEmpty ? occurrence.Unit.LeadIds : obligation.LeadUnitIds).Select(id => (string?)id)
                .Where(id => id != occurrence.Unit.Id),
            Relation.Office => new[] { directory.Office?.Id },
            Relation.Leadership => new[] { directory.Leadership?.Id },
            Relation.SubmitTo => new[] { obligation.SubmitToUnitId },
            _ => new[] { selector.NamedUnitId },
        };
        foreach (var id in ids)
            if (id is not null && directory.FindUnit(id) is { } unit) yield return unit;
    }
}
