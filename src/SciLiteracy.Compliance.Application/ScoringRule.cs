using System.Globalization;

namespace SciLiteracy.Compliance.Application;

/// <summary>
/// How a unit's timeliness in a year is scored (docs/report.md): every unit starts at <see cref="Base"/> and loses
/// <see cref="Missed"/> per item not done, <see cref="Late"/> per item done late plus <see cref="LateDay"/> per day late
/// (each item's days capped at <see cref="LateDaysCap"/>), and <see cref="Extension"/> per extension granted. Items done
/// on time cost nothing. Units rank by score, highest first; equal scores share a rank (1, 1, 3).
/// </summary>
public sealed record ScoringRule(decimal Base = 100, decimal Missed = 10, decimal Late = 2, decimal LateDay = 0.5m, int LateDaysCap = 30, decimal Extension = 1)
{
    public static ScoringRule Default { get; } = new();

    public decimal Score(int missed, int late, int lateDays, int extensions) =>
        Base - Missed * missed - Late * late - LateDay * lateDays - Extension * extensions;

    /// <summary>"missed=10,late=2,late-day=0.5,cap=30,extension=1,base=100" (any subset); null and the problem when a part is not one.</summary>
    public static (ScoringRule? Rule, string? Error) Parse(string text)
    {
        var rule = Default;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || !decimal.TryParse(pair[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                return (null, $"'{part}' is not NAME=NUMBER");
            switch (pair[0])
            {
                case "base": rule = rule with { Base = value }; break;
                case "missed": rule = rule with { Missed = value }; break;
                case "late": rule = rule with { Late = value }; break;
                case "late-day": rule = rule with { LateDay = value }; break;
                case "cap": rule = rule with { LateDaysCap = (int)value }; break;
                case "extension": rule = rule with { Extension = value }; break;
                default: return (null, $"unknown weight '{pair[0]}' (base, missed, late, late-day, cap, extension)");
            }
        }
        return (rule, null);
    }
}
