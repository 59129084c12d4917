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
