using NodaTime;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

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

    /// <summary>The share of the line still ahead on <paramref name="on"/>: 1 at the baseline, 0 at the target date (the tolerance narrows with it).</summary>
    public static decimal Remaining(TargetSpec target, LocalDate on)
    {
        if (target.Baseline is not { } baseline) return 0m;
        var span = Period.Between(baseline.AsOf, target.By, PeriodUnits.Days).Days;
        var left = Period.Between(on, target.By, PeriodUnits.Days).Days;
        return span <= 0 ? 0m : Math.Clamp(left / (decimal)span, 0m, 1m);
    }

    /// <summary>Progress made over progress expected by <paramref name="on"/>: 1 on pace, below 1 behind; 1 before any is expected.</summary>
    public static decimal Pace(TargetSpec target, decimal latest, LocalDate on)
    {
        var start = target.Baseline?.Value ?? 0m;
        var expected = Expected(target, on) - start;
        return expected == 0 ? 1m : (latest - start) / expected;
    }
}
