using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>
/// The default at-risk rule for `kind: target` obligations. A measurement behind pace (judged on its own as-of date) starts
/// a ladder anchored at the moment it was recorded: the unit's liaison and head at the first send time on a working day
/// at or after that moment, the lead units' liaisons 5 working days later, the office head 10 working days later.
/// The anchor does not move while no newer measurement is recorded, so each step has one fixed moment and a replay on a
/// virtual clock sends the same; a newer measurement back on pace ends the ladder.
/// </summary>
public static class TargetRisk
{
    private static readonly (int WorkingDaysLater, RecipientSelector[] To)[] Steps =
    [
        (0, [new(Relation.Unit, null, Role.Liaison), new(Relation.Unit, null, Role.Head)]),
        (5, [new(Relation.Lead, null, Role.Liaison)]),
        (10, [new(Relation.Office, null, Role.Head)]),
    ];

    /// <summary>Every responsible unit of a target whose latest measurement known at <paramref name="now"/> is at risk, until the target date.</summary>
    public static IEnumerable<TargetAtRisk> Assess(Planner planner, IReadOnlyList<ProgressRecord> records, Instant now)
    {
        var rules = planner.Rules;
        var recorded = records.Select(r => r.Target).ToHashSet(StringComparer.Ordinal);
        foreach (var obligation in rules.Obligations.Where(o => o.Target is not null && recorded.Contains(o.Id)))
        {
            var zone = rules.DirectoryOf(obligation).Jurisdiction.TimeZone;
            var today = now.InZone(zone).Date;
            if (today > obligation.Target!.By) continue;
            foreach (var unitId in obligation.ResponsibleUnitIds)
            {
                var standing = TargetStanding.Known(obligation.Target, records, obligation.Id, unitId, now, today);
                if (standing.State != TargetState.AtRisk) continue;
                if (OccurrenceOf(planner, obligation, unitId, today) is not { } occurrence) continue;
                yield return new TargetAtRisk(occurrence, standing, Ladder(rules, occurrence, standing.Latest!.RecordedAt));
            }
        }
    }

    /// <summary>The occurrence a target's at-risk notices belong to: the first one due on or after today, else the last.</summary>
    public static Occurrence? OccurrenceOf(Planner planner, Obligation obligation, string unitId, LocalDate today)
    {
        var periods = obligation.Schedule.Periods().ToList();
        if (periods.Count == 0) return null;
        var upcoming = periods.FindIndex(p => p.NominalDue >= today);
        var period = periods[upcoming < 0 ? periods.Count - 1 : upcoming];
        return planner.Find(new OccurrenceKey(obligation.Id, unitId, period.Period));
    }

    private static ImmutableArray<PlannedNotification> Ladder(RuleSet rules, Occurrence occurrence, Instant anchor)
    {
        var directory = rules.DirectoryOf(occurrence.Obligation);
        var jurisdiction = directory.Jurisdiction;
        var calendar = rules.CalendarOf(jurisdiction);
        ZonedDateTime At(LocalDate day) => day.At(jurisdiction.SendTime).InZoneLeniently(jurisdiction.TimeZone);
        // Recorded after that day's send time: the first notice goes at the next working day's.
        var first = calendar.NextWorkingDayOnOrAfter(anchor.InZone(jurisdiction.TimeZone).Date);
        if (At(first).ToInstant() < anchor) first = calendar.NextWorkingDayOnOrAfter(first.PlusDays(1));
        return Steps.Select((step, i) => new PlannedNotification(occurrence, NotificationKind.AtRisk, i + 1,
                At(step.WorkingDaysLater == 0 ? first : calendar.Move(first, DayOffset.WorkingDays(step.WorkingDaysLater), +1)),
                Planner.Resolve(step.To, occurrence, directory), null))
            .ToImmutableArray();
    }
}
