using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Directory;
using SciLiteracy.Compliance.Domain.Scheduling;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>The latest progress recorded towards a target by a unit (value and the date it was measured), if any.</summary>
public interface IProgressSource
{
    (decimal Value, LocalDate AsOf)? Latest(string targetId, string unitId, LocalDate onOrBefore);
}

/// <summary>The straight line from a target's baseline to its value: where progress should stand on a date.</summary>
public static class TargetPace
{
    public const decimal DefaultAtRiskMargin = 0.1m;

    /// <summary>The value expected on <paramref name="on"/>; the target value itself without a baseline.</summary>
    public static decimal Expected(TargetSpec target, LocalDate on)
    {
        if (target.Baseline is not { } baseline) return target.Value;
        var span = Period.Between(baseline.AsOf, target.By, PeriodUnits.Days).Days;
        var elapsed = Period.Between(baseline.AsOf, on, PeriodUnits.Days).Days;
        var fraction = span <= 0 ? 1m : Math.Clamp(elapsed / (decimal)span, 0m, 1m);
        return baseline.Value + (target.Value - baseline.Value) * fraction;
    }

    /// <summary>Progress made over progress expected by <paramref name="on"/>: 1 on pace, below 1 behind; 1 before any is expected.</summary>
    public static decimal Pace(TargetSpec target, decimal latest, LocalDate on)
    {
        var start = target.Baseline?.Value ?? 0m;
        var expected = Expected(target, on) - start;
        return expected == 0 ? 1m : (latest - start) / expected;
    }
}

/// <summary>A target whose latest progress is behind the straight-line pace by more than its margin.</summary>
public sealed record TargetAtRisk(Occurrence Occurrence, decimal Latest, LocalDate LatestAsOf, decimal Expected, decimal Pace,
    ImmutableArray<PlannedNotification> Notifications);

/// <summary>
/// The default at-risk rule for `kind: target` obligations: when the latest progress is below pace by more than
/// atRiskMargin (default 0.1), tell the responsible unit on the assessment day, its lead units 5 working days later
/// and the office 10 working days later. The items are ordinary PlannedNotifications (kind escalate, steps 1–3), so the
/// sending pipeline dedupes, renders and sends them like any other step; it stops when new progress is back on pace.
/// </summary>
public static class TargetRisk
{
    private static readonly (int WorkingDaysLater, RecipientSelector[] To)[] Steps =
    [
        (0, [new(Relation.Unit, null, Role.Liaison), new(Relation.Unit, null, Role.Head)]),
        (5, [new(Relation.Lead, null, Role.Liaison)]),
        (10, [new(Relation.Office, null, Role.Head)]),
    ];

    public static IEnumerable<TargetAtRisk> Assess(RuleSet rules, IProgressSource progress, LocalDate today)
    {
        var planner = new Planner(rules, AllConditionsHold.Instance);
        foreach (var obligation in rules.Obligations.Where(o => o.Target is not null))
        {
            var target = obligation.Target!;
            if (today > target.By) continue;
            var directory = rules.DirectoryOf(obligation);
            var calendar = rules.CalendarOf(directory.Jurisdiction);
            foreach (var unitId in obligation.ResponsibleUnitIds)
            {
                if (progress.Latest(obligation.Id, unitId, today) is not var (latest, asOf)) continue;
                var pace = TargetPace.Pace(target, latest, today);
                var margin = target.AtRiskMargin ?? TargetPace.DefaultAtRiskMargin;
                if (pace >= 1 - margin) continue;
                var ofUnit = planner.Occurrences(today.PlusYears(-30), target.By.PlusYears(30))
                    .Where(o => o.Obligation.Id == obligation.Id && o.Unit.Id == unitId).ToList();
                if (ofUnit.Count == 0) continue;
                var occurrence = ofUnit.FirstOrDefault(o => o.Due.Date >= today) ?? ofUnit[^1];
                var notifications = Steps.Select((step, i) =>
                {
                    var date = calendar.NextWorkingDayOnOrAfter(step.WorkingDaysLater == 0 ? today
                        : calendar.Move(today, DayOffset.WorkingDays(step.WorkingDaysLater), +1));
                    return new PlannedNotification(occurrence, NotificationKind.Escalate, i + 1,
                        date.At(directory.Jurisdiction.SendTime).InZoneLeniently(directory.Jurisdiction.TimeZone),
                        Planner.Resolve(step.To, occurrence, directory), null);
                }).ToImmutableArray();
                yield return new TargetAtRisk(occurrence, latest, asOf, TargetPace.Expected(target, today), pace, notifications);
            }
        }
    }
}
