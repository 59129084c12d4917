using System.Globalization;
using NodaTime;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;

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

    internal static Date From(LocalDate date) => new(date.Year, date.Month, date.Day);

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

/// <summary>The quantified target of a `kind: target` obligation and the progress recorded towards it, at <c>now</c>.</summary>
public sealed class TargetFacts
{
    private readonly string obligationId;
    private readonly TargetSpec? target;
    private readonly (decimal Value, LocalDate AsOf)? latest;
    private readonly LocalDate now;

    // Internal: the compiled expressions see only the public members below.
    internal TargetFacts(string obligationId, TargetSpec? target, (decimal Value, LocalDate AsOf)? latest, LocalDate now) =>
        (this.obligationId, this.target, this.latest, this.now) = (obligationId, target, latest, now);

    [RuleVisible] public double Value => (double)Spec.Value;
    [RuleVisible] public Date By => Date.From(Spec.By);
    [RuleVisible] public double Baseline => (double)BaselineOf.Value;
    [RuleVisible] public double AtRiskMargin => (double)(Spec.AtRiskMargin ?? TargetPace.DefaultAtRiskMargin);
    [RuleVisible] public bool HasProgress => Spec is not null && latest is not null;
    [RuleVisible] public double Latest => (double)Progress.Value;
    [RuleVisible] public Date LatestAsOf => Date.From(Progress.AsOf);

    /// <summary>Where a straight line from the baseline to the target value stands at <c>now</c>.</summary>
    [RuleVisible] public double Expected => (double)TargetPace.Expected(WithBaseline, now);

    /// <summary>Progress made over progress expected by now: 1 is on pace, below 1 behind. On pace before any is expected.</summary>
    [RuleVisible] public double Pace => (double)TargetPace.Pace(WithBaseline, Progress.Value, now);

    private TargetSpec Spec => target ?? throw new MissingFactException($"obligation '{obligationId}' has no target");
    private TargetValue BaselineOf => Spec.Baseline ?? throw new MissingFactException($"target '{obligationId}' has no baseline");
    // The straight line starts at the baseline: without one, Expected and Pace are not facts but guesses.
    private TargetSpec WithBaseline
    {
        get
        {
            _ = BaselineOf;
            return Spec;
        }
    }
    private (decimal Value, LocalDate AsOf) Progress => Spec is not null && latest is { } l ? l
        : throw new MissingFactException($"no progress recorded for target '{obligationId}'");
}

/// <summary>Helpers a condition may call unqualified; the generated class derives from this one.</summary>
public abstract class ConditionHelpers
{
    /// <summary>Calendar days from <paramref name="from"/> to <paramref name="to"/> (negative when <paramref name="to"/> is earlier).</summary>
    [RuleVisible] public static int Days(Date from, Date to) => to.DayNumber - from.DayNumber;
}
