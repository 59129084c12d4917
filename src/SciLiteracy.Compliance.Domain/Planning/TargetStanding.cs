using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>
/// Where a unit stands on a target: its latest measurement, the value the straight line expects on that measurement's
/// date (on <c>today</c> when there is none) and the resulting state. `plan`, `status`, the weekly summary and the
/// at-risk notifications all judge by this one function.
/// </summary>
public sealed record TargetStanding(TargetSpec Target, ProgressRecord? Latest, decimal Expected, decimal? Pace, TargetState State)
{
    /// <summary>
    /// How the unit stands today, judged honestly (序时进度): past the target date the final value is met or missed; without
    /// a baseline pace is not judged until a second measurement gives the line a start (<paramref name="first"/>); and the
    /// tolerance (atRiskMargin) narrows in a straight line to zero at the target date.
    /// </summary>
    public static TargetStanding Of(TargetSpec target, ProgressRecord? latest, LocalDate today, ProgressRecord? first = null)
    {
        if (today > target.By)
            return new(target, latest, target.Value, null, latest is not null && Reached(target, latest.Value) ? TargetState.Met : TargetState.Missed);
        if (latest is null) return new(target, null, TargetPace.Expected(target, today), null, TargetState.NoProgress);
        var line = target.Baseline is not null ? target
            : first is not null && first.AsOf < latest.AsOf ? target with { Baseline = new TargetValue(first.Value, first.AsOf) }
            : null;
        if (line is null) return new(target, latest, target.Value, null, TargetState.NotJudged);
        var pace = TargetPace.Pace(line, latest.Value, latest.AsOf);
        var margin = (target.AtRiskMargin ?? TargetPace.DefaultAtRiskMargin) * TargetPace.Remaining(line, latest.AsOf);
        return new(target, latest, TargetPace.Expected(line, latest.AsOf), pace, pace < 1 - margin ? TargetState.AtRisk : TargetState.OnTrack);
    }

    /// <summary>Where a unit stands from every measurement known at <paramref name="now"/> (the first one starts the line when there is no baseline).</summary>
    public static TargetStanding Known(TargetSpec target, IEnumerable<ProgressRecord> records, string targetId, string unit, Instant now, LocalDate today)
    {
        var known = records.Where(r => r.Target == targetId && r.Unit == unit && r.RecordedAt <= now).ToList();
        return Of(target, known.MaxBy(r => (r.AsOf, r.Id)), today, known.MinBy(r => (r.AsOf, r.Id)));
    }

    private static bool Reached(TargetSpec target, decimal value) =>
        target.Direction == TargetDirection.Increase ? value >= target.Value : value <= target.Value;

    public static string StateName(TargetState state) => state switch
    {
        TargetState.OnTrack => "on-track",
        TargetState.AtRisk => "at-risk",
        TargetState.NotJudged => "not-judged",
        TargetState.Met => "met",
        TargetState.Missed => "missed",
        _ => "no-progress",
    };
}
