using System.Globalization;
using NodaTime;

namespace SciLiteracy.Compliance.Domain.Scheduling;

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
