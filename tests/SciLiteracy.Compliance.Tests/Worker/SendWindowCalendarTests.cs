using NodaTime;
using Quartz;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Scheduling;
using SciLiteracy.Compliance.Worker;

namespace SciLiteracy.Compliance.Tests.Worker;

/// <summary>The worker's send windows follow the jurisdiction's working days, as `plan` and `simulate` do.</summary>
public class SendWindowCalendarTests
{
    [Fact]
    public async Task Each_send_window_carries_its_working_day_calendar_and_the_scheduler_fires_it_on_the_next_working_day()
    {
        var rules = RuleSetCompilation.Load(Repo.Path("rules")).Rules!;
        var xunwu = rules.Directories["xunwu"].Jurisdiction;
        await using var factory = QuartzSchedulerBuilder.Create(q => q.ConfigureScheduler(o => o.InstanceName = "send-window-calendar-" + Guid.NewGuid().ToString("N"))).Build();
        var scheduler = await factory.GetScheduler();
        try
        {
            await WorkingDayQuartzCalendar.RegisterAsync(scheduler, rules);
            var job = JobBuilder.Create<EvaluationJob>().WithIdentity(EvaluationJob.Key).StoreDurably().Build();
            await scheduler.AddJob(job, AddJobOptions.Replacing);
            var trigger = EvaluationSchedule.SendWindowTrigger(xunwu);
            await scheduler.ScheduleJob(trigger);

            var scheduled = await scheduler.GetTrigger(trigger.Key);
            Assert.Equal(WorkingDayQuartzCalendar.NameFor("xunwu"), scheduled!.CalendarName);
            var next = Instant.FromDateTimeOffset(scheduled.NextFireTimeUtc!.Value).InZone(xunwu.TimeZone);
            var calendar = rules.CalendarOf(xunwu);
            Assert.Equal(new LocalTime(9, 0), next.TimeOfDay);
            Assert.True(calendar.IsWorkingDay(next.Date), $"{next.Date} is a day off");
            // No working day with its 09:00 still ahead was skipped on the way.
            var now = SystemClock.Instance.GetCurrentInstant().InZone(xunwu.TimeZone);
            var first = now.TimeOfDay < new LocalTime(9, 0) ? now.Date : now.Date.PlusDays(1);
            Assert.Equal(calendar.NextWorkingDayOnOrAfter(first), next.Date);
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }
}
