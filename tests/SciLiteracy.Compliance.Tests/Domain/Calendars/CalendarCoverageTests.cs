using Xunit;
using Microsoft.Extensions.Logging;
using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Scheduling;
using Serilog;
using static SciLiteracy.Compliance.Tests.Support.CalendarTestRules;

namespace SciLiteracy.Compliance.Tests.Domain.Calendars;

/// <summary>Which days the calendar data speaks for, the warning when the next 60 days are not all covered, and adding a year.</summary>
public sealed class CalendarCoverageTests
{
    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }

    private static Instant At(string isoUtc) => NodaTime.Text.InstantPattern.General.Parse(isoUtc).Value;

    [Fact]
    public void Gaps_AreTheRunsOfDaysInYearsWithoutData()
    {
        var calendar = new YearlyHolidayCalendar("test", [2025, 2027], []);

        var gaps = CalendarCoverage.Gaps(calendar, Date("2025-12-01"), Date("2027-01-31"));

        Assert.Equal([new DateInterval(Date("2026-01-01"), Date("2026-12-31"))], gaps);
        Assert.Empty(CalendarCoverage.Gaps(calendar, Date("2025-01-01"), Date("2025-12-31")));
        Assert.Equal([new DateInterval(Date("2025-01-01"), Date("2025-01-10"))],
            CalendarCoverage.Gaps(WeekdayCalendar.Instance, Date("2025-01-01"), Date("2025-01-10")));
    }

    [Fact]
    public void Check_WarnsWhenTheNext60DaysRunPastTheData_AndThoseDaysCountAsMondayToFriday()
    {
        using var rules = new CalendarTestRules();
        var set = rules.LoadValid();

        // 2026-11-22 in Shanghai: 60 days reach 2027-01-20, and the data ends with 2026.
        var gap = Assert.Single(CalendarCoverage.Check(set, At("2026-11-22T01:00:00Z")));
        Assert.Equal(("xunwu", "cn-mainland"), (gap.JurisdictionId, gap.CalendarId));
        Assert.Equal(new DateInterval(Date("2027-01-01"), Date("2027-01-20")), gap.Days);
        Assert.Equal("工作日历 cn-mainland（xunwu）未覆盖 2027-01-01 至 2027-01-20：这些日期暂按周一至周五计算工作日，节假日和调休不会生效。" +
            "请添加 calendars/cn-mainland/2027.yaml。", gap.Message);
        // 60 days from 2026-10-01 end on 2026-11-29: covered.
        Assert.Empty(CalendarCoverage.Check(set, At("2026-10-01T01:00:00Z")));

        var mainland = set.Calendars["cn-mainland"];
        Assert.True(mainland.IsWorkingDay(Date("2027-01-01")));   // a Friday; New Year's Day in fact, but no data says so yet
        Assert.False(mainland.IsWorkingDay(Date("2027-01-02")));  // a Saturday
    }

    [Fact]
    public void CoverageWarnings_AreWrittenToTheServiceLog()
    {
        using var rules = new CalendarTestRules();
        var logFile = Path.Combine(rules.Directory, "service.log");
        using (var serilog = new LoggerConfiguration().WriteTo.File(logFile).CreateLogger())
        using (var factory = LoggerFactory.Create(b => b.AddSerilog(serilog)))
        {
            var gaps = CalendarCoverageWarnings.Log(factory.CreateLogger("calendar"), rules.LoadValid(), new FixedClock(At("2026-11-22T01:00:00Z")));
            Assert.Single(gaps);
        }

        var line = Assert.Single(File.ReadAllLines(logFile));
        Assert.Contains("[WRN]", line);
        Assert.Contains("cn-mainland", line);
        Assert.Contains("2027-01-01", line);
        Assert.Contains("2027-01-20", line);
        Assert.Contains("请添加 calendars/cn-mainland/2027.yaml", line);
    }

    [Fact]
    public void YearAddedWhileRunning_IsCoveredAfterTheNextLoad()
    {
        using var rules = new CalendarTestRules();
        var before = rules.LoadValid();
        Assert.NotEmpty(CalendarCoverage.Check(before, At("2026-11-22T01:00:00Z")));
        Assert.True(before.Calendars["cn-mainland"].IsWorkingDay(Date("2027-10-01")));

        rules.Write("calendars/cn-mainland/2027.yaml", """
            version: 1
            calendar: cn-mainland
            year: 2027
            notice:
              title: 国务院办公厅关于2027年部分节假日安排的通知
            daysOff:
              - { date: 2027-01-01, name: 元旦 }
              - { date: 2027-10-01, name: 国庆节 }
            workingDays:
              - { date: 2027-09-26, name: 国庆节 }
            """);
        var after = rules.LoadValid();

        Assert.Empty(CalendarCoverage.Check(after, At("2026-11-22T01:00:00Z")));
        var mainland = Assert.IsType<YearlyHolidayCalendar>(after.Calendars["cn-mainland"]);
        Assert.Contains(2027, mainland.CoveredYears);
        Assert.False(mainland.IsWorkingDay(Date("2027-10-01")));
        Assert.True(mainland.IsWorkingDay(Date("2027-09-26")));
    }
}
