using System.Globalization;
using NodaTime;
using NodaTime.Calendars;

namespace SciLiteracy.Compliance.Domain.Scheduling;

/// <summary>One period of a schedule: its label (what a unit submits for) and its nominal due date.</summary>
public readonly record struct ScheduledPeriod(string Period, LocalDate NominalDue);

/// <summary>
/// When an obligation falls due. Every recurrence is bounded (first and last period), so the set of
/// periods is finite; the loader guarantees first &lt;= last.
/// </summary>
public abstract record Schedule
{
    /// <summary>Time of day the work is due; null means the jurisdiction's default.</summary>
    public LocalTime? DueTime { get; init; }

    /// <summary>Policy for a due date on a day off; null means the jurisdiction's default.</summary>
    public Directory.DueAdjustment? Adjust { get; init; }

    /// <summary>
    /// A standing duty with no end: its last period is <see cref="OpenEndYear"/>, a bound far enough out that
    /// nothing plans that far, so that the set of periods stays finite.
    /// </summary>
    public bool OpenEnded { get; init; }

    public const int OpenEndYear = 2100;

    /// <summary>Periods in order of their nominal due date.</summary>
    public abstract IEnumerable<ScheduledPeriod> Periods();

    /// <summary>The schedule in words, in Chinese, for catalogs and messages.</summary>
    public abstract string Describe();

    protected static string Iso(LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The years of a recurrence in words: 2027年 for one, 2022—2025年 for several, 2026年起 for a standing duty.</summary>
    protected string YearsInWords(int from, int until) =>
        OpenEnded ? $"{from}年起" : from == until ? $"{from}年" : $"{from}—{until}年";

    protected string DatesInWords(LocalDate from, LocalDate until) => OpenEnded ? $"{Iso(from)}起" : $"{Iso(from)}至{Iso(until)}";
}

public sealed record OnceSchedule(LocalDate Date) : Schedule
{
    public override IEnumerable<ScheduledPeriod> Periods() { yield return new(Iso(Date), Date); }
    public override string Describe() => $"{Date.Year}年{Date.Month}月{Date.Day}日（一次）";
}

/// <summary>Yearly on a month-day; FromYear and UntilYear are years of the due date, whatever year the period names.</summary>
public sealed record YearlySchedule(AnnualDate On, int FromYear, int UntilYear) : Schedule
{
    public PeriodYear PeriodYear { get; init; } = PeriodYear.Same;

    public override IEnumerable<ScheduledPeriod> Periods()
    {
        for (var y = FromYear; y <= UntilYear; y++)
            yield return new(YearLabel(y, PeriodYear), On.InYear(y));
    }
    public override string Describe() => $"每年{On.Month}月{On.Day}日（{YearsInWords(FromYear, UntilYear)}）{PeriodInWords(PeriodYear)}";

    internal static string YearLabel(int dueYear, PeriodYear periodYear) =>
        (periodYear == PeriodYear.Previous ? dueYear - 1 : dueYear).ToString(CultureInfo.InvariantCulture);

    internal static string PeriodInWords(PeriodYear periodYear) => periodYear == PeriodYear.Previous ? "，报上一年度" : "";
}

public sealed record EveryYearsSchedule(int Interval, AnnualDate On, int FromYear, int UntilYear) : Schedule
{
    public PeriodYear PeriodYear { get; init; } = PeriodYear.Same;

    public override IEnumerable<ScheduledPeriod> Periods()
    {
        for (var y = FromYear; y <= UntilYear; y += Interval)
            yield return new(YearlySchedule.YearLabel(y, PeriodYear), On.InYear(y));
    }
    public override string Describe() =>
        $"每{Interval}年{On.Month}月{On.Day}日（{YearsInWords(FromYear, UntilYear)}）{YearlySchedule.PeriodInWords(PeriodYear)}";
}

public sealed record WeeklySchedule(IsoDayOfWeek Day, LocalDate From, LocalDate Until) : Schedule
{
    private static readonly string[] DayNames = ["", "一", "二", "三", "四", "五", "六", "日"];

    public override IEnumerable<ScheduledPeriod> Periods()
    {
        var d = From.With(DateAdjusters.NextOrSame(Day));
        for (; d <= Until; d = d.PlusWeeks(1))
        {
            var week = WeekYearRules.Iso.GetWeekOfWeekYear(d);
            var weekYear = WeekYearRules.Iso.GetWeekYear(d);
            yield return new(string.Create(CultureInfo.InvariantCulture, $"{weekYear}-W{week:00}"), d);
        }
    }
    public override string Describe() => $"每周{DayNames[(int)Day]}（{DatesInWords(From, Until)}）";
}

/// <summary>Monthly on a day of the month (null day: the month's last day).</summary>
public sealed record MonthlySchedule(int? Day, LocalDate From, LocalDate Until) : Schedule
{
    public override IEnumerable<ScheduledPeriod> Periods()
    {
        for (var m = new YearMonth(From.Year, From.Month); m.OnDayOfMonth(1) <= Until; m = m.PlusMonths(1))
        {
            var due = DayIn(m);
            if (due >= From && due <= Until)
                yield return new(string.Create(CultureInfo.InvariantCulture, $"{m.Year}-{m.Month:00}"), due);
        }
    }

    private LocalDate DayIn(YearMonth m) => m.OnDayOfMonth(Math.Min(Day ?? 31, m.ToDateInterval().End.Day));
    public override string Describe() => Day is null ? $"每月最后一天（{DatesInWords(From, Until)}）" : $"每月{Day}日（{DatesInWords(From, Until)}）";
}

/// <summary>Quarterly, due on a day of the month after each quarter (季后N日).</summary>
public sealed record QuarterlySchedule(int Day, LocalDate From, LocalDate Until) : Schedule
{
    public override IEnumerable<ScheduledPeriod> Periods()
    {
        for (var q = new YearMonth(From.Year, ((From.Month - 1) / 3 * 3) + 1); q.OnDayOfMonth(1) <= Until; q = q.PlusMonths(3))
        {
            var after = q.PlusMonths(3);
            var due = after.OnDayOfMonth(Math.Min(Day, after.ToDateInterval().End.Day));
            if (due >= From && due <= Until)
                yield return new(string.Create(CultureInfo.InvariantCulture, $"{q.Year}-Q{((q.Month - 1) / 3) + 1}"), due);
        }
    }
    public override string Describe() => $"每季度后{Day}日（{DatesInWords(From, Until)}）";
}

/// <summary>A phase or any work to be done within a window; due at its end.</summary>
public sealed record WindowSchedule(LocalDate Start, LocalDate End, string? Label) : Schedule
{
    public string Period => Label ?? $"{Iso(Start)}..{Iso(End)}";
    public override IEnumerable<ScheduledPeriod> Periods() { yield return new(Period, End); }
    public override string Describe() => $"{Iso(Start)}至{Iso(End)}";
}
