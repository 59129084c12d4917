using System.Globalization;
using NodaTime;

namespace SciLiteracy.Compliance.Domain.Scheduling;

public sealed record YearlySchedule(AnnualDate On, int FromYear, int UntilYear) : Schedule
{
    public override IEnumerable<ScheduledPeriod> Periods()
    {
        for (var y = FromYear; y <= UntilYear; y++)
            yield return new(y.ToString(CultureInfo.InvariantCulture), On.InYear(y));
    }
    public override string Describe() => $"每年{On.Month}月{On.Day}日（{FromYear}—{UntilYear}年）";
}
