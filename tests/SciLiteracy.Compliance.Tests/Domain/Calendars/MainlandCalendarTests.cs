using Xunit;
using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Domain.Scheduling;
using static SciLiteracy.Compliance.Tests.Support.CalendarTestRules;

namespace SciLiteracy.Compliance.Tests.Domain.Calendars;

/// <summary>The repository's cn-mainland data, checked against the State Council notices' dates.</summary>
public sealed class MainlandCalendarTests
{
    private static readonly YearlyHolidayCalendar Mainland = CalendarTestRules.Mainland();

    [Fact]
    public void NationalDay2025_October1To8AreOff_AndSunday28SeptemberAndSaturday11OctoberAreWorkingDays()
    {
        for (var day = Date("2025-10-01"); day <= Date("2025-10-08"); day = day.PlusDays(1))
            Assert.False(Mainland.IsWorkingDay(day), $"{day} should be a day off");
        Assert.Equal("国庆节、中秋节", Mainland.Listed(Date("2025-10-05"))!.Name);

        Assert.Equal(IsoDayOfWeek.Sunday, Date("2025-09-28").DayOfWeek);
        Assert.True(Mainland.IsWorkingDay(Date("2025-09-28")));
        Assert.Equal(IsoDayOfWeek.Saturday, Date("2025-10-11").DayOfWeek);
        Assert.True(Mainland.IsWorkingDay(Date("2025-10-11")));

        // Days the notice does not name keep their weekday meaning.
        Assert.False(Mainland.IsWorkingDay(Date("2025-10-12")));
        Assert.True(Mainland.IsWorkingDay(Date("2025-10-09")));
    }

    [Fact]
    public void DueOn3October2025_WithPreviousWorkday_MovesTo30September()
    {
        Assert.Equal(Date("2025-09-30"), Mainland.Adjust(Date("2025-10-03"), DueAdjustment.PreviousWorkday));
        Assert.Equal(Date("2025-10-09"), Mainland.Adjust(Date("2025-10-03"), DueAdjustment.NextWorkday));
        Assert.Equal(Date("2025-10-03"), Mainland.Adjust(Date("2025-10-03"), DueAdjustment.None));
    }

    [Fact]
    public void ThreeWorkingDaysAfter30September2025_IsSaturday11October()
    {
        // 9 Oct (Thu) and 10 Oct (Fri) are the first two working days after the holiday; 11 Oct is a 调休 Saturday.
        Assert.Equal(Date("2025-10-11"), Mainland.Move(Date("2025-09-30"), DayOffset.WorkingDays(3), +1));
        // Backwards over the same stretch: 3 working days before 9 Oct are 30, 29 and 28 September (a working Sunday).
        Assert.Equal(Date("2025-09-28"), Mainland.Move(Date("2025-10-09"), DayOffset.WorkingDays(3), -1));
    }

    [Fact]
    public void XunwuYearlyReport_2024DueStaysOnFriday20December_2025DueMovesFromSaturdayTo19December()
    {
        using var rules = new CalendarTestRules();
        var planner = new Planner(rules.LoadValid());
        var dues = planner.Occurrences(Date("2024-01-01"), Date("2025-12-31"))
            .Where(o => o.Obligation.Id == "xunwu.yearly-report")
            .GroupBy(o => o.Period)
            .ToDictionary(g => g.Key, g => g.Select(o => o.Due.Date).Distinct().Single());

        Assert.Equal(IsoDayOfWeek.Friday, Date("2024-12-20").DayOfWeek);
        Assert.Equal(Date("2024-12-20"), dues["2024"]);
        Assert.Equal(IsoDayOfWeek.Saturday, Date("2025-12-20").DayOfWeek);
        Assert.Equal(Date("2025-12-19"), dues["2025"]); // rules/xunwu/jurisdiction.yaml: adjust: previous-workday
    }

    [Fact]
    public void DataCoversExactly2021To2026()
    {
        Assert.Equal([2021, 2022, 2023, 2024, 2025, 2026], Mainland.CoveredYears);
        // Spring Festival 2026: 15–23 February off, Saturdays 14 and 28 February working.
        Assert.False(Mainland.IsWorkingDay(Date("2026-02-23")));
        Assert.True(Mainland.IsWorkingDay(Date("2026-02-14")));
        Assert.True(Mainland.IsWorkingDay(Date("2026-02-28")));
    }
}
