using NodaTime;

namespace SciLiteracy.Compliance.Domain.Scheduling;

public sealed record OnceSchedule(LocalDate Date) : Schedule
{
    public override IEnumerable<ScheduledPeriod> Periods() { yield return new(Iso(Date), Date); }
    public override string Describe() => $"{Date.Year}年{Date.Month}月{Date.Day}日（一次）";
}
