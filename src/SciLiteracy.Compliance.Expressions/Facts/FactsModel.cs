using System.Globalization;

namespace SciLiteracy.Compliance.Expressions.Facts;

/// <summary>Marks the members a rule expression may use; everything else on these types is refused.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method)]
public sealed class RuleVisibleAttribute : Attribute;

/// <summary>The facts model a condition is written against (docs/rule-format.md, "Conditions").</summary>
public static class FactsModel
{
    /// <summary>Bumped whenever a fact is added, removed or changes meaning: part of the compiled-rules cache key.</summary>
    public const int Version = 1;

    /// <summary>The names a condition starts from.</summary>
    public static readonly IReadOnlyList<string> Roots = ["occurrence", "unit", "target", "now"];
}

/// <summary>A fact that cannot be given for this occurrence (no target, no baseline, no progress yet).</summary>
public sealed class MissingFactException(string message) : Exception(message);

/// <summary>A calendar date in the jurisdiction's time zone, comparable with the usual operators.</summary>
public readonly struct Date(int year, int month, int day) : IEquatable<Date>, IComparable<Date>
{
    [RuleVisible] public int Year { get; } = year;
    [RuleVisible] public int Month { get; } = month;
    [RuleVisible] public int Day { get; } = day;

    /// <summary>Days since 0001-01-01, so that dates subtract in plain integers.</summary>
    internal int DayNumber => DateOnly.FromDateTime(new DateTime(Year, Month, Day)).DayNumber;

    public static bool operator ==(Date a, Date b) => a.Equals(b);
    public static bool operator !=(Date a, Date b) => !a.Equals(b);
    public static bool operator <(Date a, Date b) => a.CompareTo(b) < 0;
    public static bool operator >(Date a, Date b) => a.CompareTo(b) > 0;
    public static bool operator <=(Date a, Date b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Date a, Date b) => a.CompareTo(b) >= 0;

    public bool Equals(Date other) => Year == other.Year && Month == other.Month && Day == other.Day;
    public override bool Equals(object? obj) => obj is Date d && Equals(d);
    public override int GetHashCode() => HashCode.Combine(Year, Month, Day);
    public int CompareTo(Date other) => (Year, Month, Day).CompareTo((other.Year, other.Month, other.Day));
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}-{Day:D2}");
}

/// <summary>Unit ids, e.g. the units a unit reports to.</summary>
public sealed class IdList(IReadOnlyList<string> ids)
{
    [RuleVisible] public int Count => ids.Count;
    [RuleVisible] public bool Contains(string id) => ids.Contains(id, StringComparer.Ordinal);
    internal string FirstOrEmpty => ids.Count == 0 ? "" : ids[0];
    public override string ToString() => string.Join(",", ids);
}

/// <summary>One unit's instance of an obligation for one period, seen at <c>now</c>.</summary>
public sealed class OccurrenceFacts(string obligation, string period, Date due, int daysLeft, int daysOverdue, bool submitted, bool extended)
{
    [RuleVisible] public string Obligation { get; } = obligation;
    [RuleVisible] public string Period { get; } = period;
    [RuleVisible] public Date Due { get; } = due;
    [RuleVisible] public int DaysLeft { get; } = daysLeft;
    [RuleVisible] public int DaysOverdue { get; } = daysOverdue;
    [RuleVisible] public bool Submitted { get; } = submitted;
    [RuleVisible] public bool Extended { get; } = extended;
}

/// <summary>The responsible unit of the occurrence.</summary>
public sealed class UnitFacts(string id, string name, string kind, IdList leadUnits)
{
    [RuleVisible] public string Id { get; } = id;
    [RuleVisible] public string Name { get; } = name;
    /// <summary>leadership, office, lead, member, township or other.</summary>
    [RuleVisible] public string Kind { get; } = kind;
    /// <summary>The obligation's lead units, else the unit's own; never the unit itself.</summary>
    [RuleVisible] public IdList LeadUnits { get; } = leadUnits;
    /// <summary>The first lead unit, or "" when there is none.</summary>
    [RuleVisible] public string LeadUnit => LeadUnits.FirstOrEmpty;
}

/// <summary>The quantified target of a `kind: target` obligation and the progress recorded towards it.</summary>
public sealed class TargetFacts
{
    private readonly string obligationId;
    private readonly bool hasTarget;
    private readonly double? baseline;
    private readonly Date? baselineAsOf;
    private readonly double value;
    private readonly Date by;
    private readonly double? latest;
    private readonly Date? latestAsOf;
    private readonly Date now;

    /// <summary>Facts for an obligation without a target: every member faults when read.</summary>
    public TargetFacts(string obligationId) => this.obligationId = obligationId;

    public TargetFacts(string obligationId, double? baseline, Date? baselineAsOf, double value, Date by, double margin,
        double? latest, Date? latestAsOf, Date now)
    {
        (this.obligationId, hasTarget, this.baseline, this.baselineAsOf, this.value, this.by, AtRiskMarginValue, this.latest, this.latestAsOf, this.now) =
            (obligationId, true, baseline, baselineAsOf, value, by, margin, latest, latestAsOf, now);
    }

    private double AtRiskMarginValue { get; }

    [RuleVisible] public double Value => Need(() => value);
    [RuleVisible] public Date By => Need(() => by);
    [RuleVisible] public double Baseline => Need(() => baseline ?? throw new MissingFactException($"target '{obligationId}' has no baseline"));
    [RuleVisible] public double AtRiskMargin => Need(() => AtRiskMarginValue);
    [RuleVisible] public bool HasProgress => Need(() => latest is not null);
    [RuleVisible] public double Latest => Need(() => latest ?? throw new MissingFactException($"no progress recorded for target '{obligationId}'"));
    [RuleVisible] public Date LatestAsOf => Need(() => latestAsOf ?? throw new MissingFactException($"no progress recorded for target '{obligationId}'"));

    /// <summary>Where a straight line from the baseline to the target value stands at <c>now</c>.</summary>
    [RuleVisible]
    public double Expected
    {
        get
        {
            var start = Need(() => baselineAsOf ?? throw new MissingFactException($"target '{obligationId}' has no baseline"));
            var span = by.DayNumber - start.DayNumber;
            var fraction = span <= 0 ? 1.0 : Math.Clamp((now.DayNumber - start.DayNumber) / (double)span, 0.0, 1.0);
            return Baseline + (value - Baseline) * fraction;
        }
    }

    /// <summary>Progress made over progress expected by now: 1 is on pace, below 1 behind. On pace before any is expected.</summary>
    [RuleVisible]
    public double Pace
    {
        get
        {
            var expected = Expected - Baseline;
            return expected == 0 ? 1.0 : (Latest - Baseline) / expected;
        }
    }

    private T Need<T>(Func<T> fact) => hasTarget ? fact() : throw new MissingFactException($"obligation '{obligationId}' has no target");
}

/// <summary>Helpers a condition may call unqualified; the generated class derives from this one.</summary>
public abstract class ConditionHelpers
{
    /// <summary>Calendar days from <paramref name="from"/> to <paramref name="to"/> (negative when <paramref name="to"/> is earlier).</summary>
    [RuleVisible] public static int Days(Date from, Date to) => to.DayNumber - from.DayNumber;
}
