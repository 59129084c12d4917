using Xunit;
using NodaTime;
using Quartz;
using Quartz.Extensibility;
using SciLiteracy.Compliance.Scheduling;

namespace SciLiteracy.Compliance.Tests.Scheduling;

/// <summary>Quartz itself, given the working-day calendar, skips the holiday and fires on the working weekend days.</summary>
public sealed class WorkingDayQuartzCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset From = new(2025, 9, 26, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset To = new(2025, 10, 13, 23, 59, 59, TimeSpan.FromHours(8));

    /// <summary>Quartz's clock, stood still before the window: a trigger never computes fire times before its "now".</summary>
    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }

    private static readonly TimeProvider BeforeTheWindow = new FixedTimeProvider(From.AddHours(-1));

    private static ITrigger DailyAtNine(string cron = "0 0 9 * * ?") => TriggerBuilder.Create(BeforeTheWindow)
        .WithIdentity("daily-send")
        .StartAt(From)
        .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(Shanghai))
        .WithCalendarName(WorkingDayQuartzCalendar.NameFor("xunwu"))
        .Build();

    private static List<string> LocalDates(IEnumerable<DateTimeOffset> fireTimesUtc) =>
        fireTimesUtc.Select(t => TimeZoneInfo.ConvertTime(t, Shanghai).ToString("yyyy-MM-dd HH:mm")).ToList();

    [Fact]
    public async Task DailyTrigger_FiresOnWorkingDaysOnly_Around2025NationalDay()
    {
        using var rules = new CalendarTestRules();
        await using var factory = QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "calendar-test-" + Guid.NewGuid().ToString("N"));
            q.UseTimeProvider(BeforeTheWindow);
        }).Build();
        var scheduler = await factory.GetScheduler();
        try
        {
            await WorkingDayQuartzCalendar.RegisterAsync(scheduler, rules.LoadValid());
            var calendar = await scheduler.GetCalendar(WorkingDayQuartzCalendar.NameFor("xunwu"));
            Assert.NotNull(calendar);

            var fires = LocalDates(TriggerFireTimes.ComputeBetween(DailyAtNine(), calendar, From, To));

            Assert.Equal(
            [
                "2025-09-26 09:00", // Friday
                "2025-09-28 09:00", // Sunday, a working day (调休)
                "2025-09-29 09:00",
                "2025-09-30 09:00",
                "2025-10-09 09:00", // 1–8 October are off
                "2025-10-10 09:00",
                "2025-10-11 09:00", // Saturday, a working day (调休)
                "2025-10-13 09:00",
            ], fires);

            // Why the trigger is daily: a MON-FRI trigger with the same calendar never fires on the working Sunday and Saturday.
            var weekdayFires = LocalDates(TriggerFireTimes.ComputeBetween(DailyAtNine("0 0 9 ? * MON-FRI"), calendar, From, To));
            Assert.Equal(fires.Except(["2025-09-28 09:00", "2025-10-11 09:00"]), weekdayFires);
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }

    [Fact]
    public void NextIncludedTime_AfterTheLastWorkingDayBeforeTheHoliday_IsTheStartOf9October()
    {
        using var rules = new CalendarTestRules();
        var set = rules.LoadValid();
        var jurisdiction = set.Directories["xunwu"].Jurisdiction;
        var calendar = new WorkingDayQuartzCalendar(set.CalendarOf(jurisdiction), jurisdiction.TimeZone);

        var next = calendar.GetNextIncludedTimeUtc(new DateTimeOffset(2025, 10, 1, 9, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal(new DateTimeOffset(2025, 10, 9, 0, 0, 0, TimeSpan.FromHours(8)), next);
        Assert.False(calendar.IsTimeIncluded(new DateTimeOffset(2025, 10, 8, 23, 59, 0, TimeSpan.FromHours(8))));
        Assert.True(calendar.IsTimeIncluded(new DateTimeOffset(2025, 9, 28, 0, 0, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public async Task PersistentSqliteStore_KeepsTheCalendar_AndItStillSkipsTheHoliday()
    {
        using var rules = new CalendarTestRules();
        var database = Path.Combine(rules.Directory, "quartz.db");
        await using var factory = QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "calendar-store-test-" + Guid.NewGuid().ToString("N"));
            q.UseTimeProvider(BeforeTheWindow);
            q.UsePersistentStore(store =>
            {
                store.UseSqlite($"Data Source={database}");
                store.UseSystemTextJsonSerializer(json => json.AddCalendarSerializer(new WorkingDayQuartzCalendarSerializer()));
                store.ProvisionSchema();
            });
        }).Build();
        var scheduler = await factory.GetScheduler();
        try
        {
            await WorkingDayQuartzCalendar.RegisterAsync(scheduler, rules.LoadValid());
            // Registering again after a reload replaces the stored calendar instead of failing.
            await WorkingDayQuartzCalendar.RegisterAsync(scheduler, rules.LoadValid());
            var stored = await scheduler.GetCalendar(WorkingDayQuartzCalendar.NameFor("xunwu"));

            var fires = LocalDates(TriggerFireTimes.ComputeBetween(DailyAtNine(), stored, From, To));

            Assert.Equal(8, fires.Count);
            Assert.Contains("2025-10-11 09:00", fires);
            Assert.DoesNotContain(fires, f => f.StartsWith("2025-10-0", StringComparison.Ordinal) && f != "2025-10-09 09:00");
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }
}
