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

/// <summary>One measurement of a target's indicator for one unit, as `scilit progress record` stored it.</summary>
public sealed record ProgressRecord(long Id, string Target, string Unit, decimal Value, LocalDate AsOf, string? Note, Instant RecordedAt);

/// <summary>Progress as known at a moment: measurements recorded later have not happened yet (a virtual clock replays them in order).</summary>
public sealed class KnownProgress(IReadOnlyList<ProgressRecord> records, Instant now) : IProgressSource
{
    public (decimal Value, LocalDate AsOf)? Latest(string targetId, string unitId, LocalDate onOrBefore) =>
        records.Where(r => r.Target == targetId && r.Unit == unitId && r.RecordedAt <= now && r.AsOf <= onOrBefore)
            .MaxBy(r => (r.AsOf, r.Id)) is { } latest ? (latest.Value, latest.AsOf) : null;
}

public enum TargetState { OnTrack, AtRisk, NoProgress }

/// <summary>
/// Where a unit stands on a target: its latest measurement, the value the straight line expects on that measurement's
/// date (on <c>today</c> when there is none) and the resulting state. `plan`, `status`, the weekly summary and the
/// at-risk notifications all judge by this one function.
/// </summary>
public sealed record TargetStanding(TargetSpec Target, ProgressRecord? Latest, decimal Expected, decimal? Pace, TargetState State)
{
    public static TargetStanding Of(TargetSpec target, ProgressRecord? latest, LocalDate today)
    {
        if (latest is null) return new(target, null, TargetPace.Expected(target, today), null, TargetState.NoProgress);
        var pace = TargetPace.Pace(target, latest.Value, latest.AsOf);
        var margin = target.AtRiskMargin ?? TargetPace.DefaultAtRiskMargin;
        return new(target, latest, TargetPace.Expected(target, latest.AsOf), pace, pace < 1 - margin ? TargetState.AtRisk : TargetState.OnTrack);
    }

    /// <summary>The latest measurement (by as-of date, then recording order) of a unit known at <paramref name="now"/>: later records have not happened yet.</summary>
    public static ProgressRecord? LatestKnown(IEnumerable<ProgressRecord> records, string target, string unit, Instant now) => records
        .Where(r => r.Target == target && r.Unit == unit && r.RecordedAt <= now)
        .MaxBy(r => (r.AsOf, r.Id));

    public static string StateName(TargetState state) => state switch
    {
        TargetState.OnTrack => "on-track",
        TargetState.AtRisk => "at-risk",
        _ => "no-progress",
    };
}

/// <summary>A unit whose latest measurement is behind the straight-line pace by more than the target's margin.</summary>
public sealed record TargetAtRisk(Occurrence Occurrence, TargetStanding Standing, ImmutableArray<PlannedNotification> Notifications);

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
                var standing = TargetStanding.Of(obligation.Target, TargetStanding.LatestKnown(records, obligation.Id, unitId, now), today);
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
