using System.Globalization;
using NodaTime;

namespace SciLiteracy.Compliance.Domain.Scheduling;

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
