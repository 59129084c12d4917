using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Quartz;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Scheduling;
using SciLiteracy.Compliance.Notifications;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// When evaluation runs: at each jurisdiction's send time in its own time zone, once at start-up (catch-up
/// after downtime), and every safety interval. Keeps the persisted triggers in line with the rules in force.
/// </summary>
public sealed class EvaluationSchedule(
    ISchedulerFactory schedulerFactory, IRuleSource rules, WorkerSettings settings, TimeProvider time, ILogger<EvaluationSchedule> logger) : IHostedService
{
    public const string TriggerGroup = "compliance";
    public static readonly TriggerKey StartupKey = new("start-up", TriggerGroup);
    public static readonly TriggerKey SafetyKey = new("safety", TriggerGroup);

    private readonly SemaphoreSlim syncLock = new(1, 1);
    private IScheduler? scheduler;

    public static TriggerKey SendWindowKey(Jurisdiction jurisdiction) => new($"send-window:{jurisdiction.Id}", TriggerGroup);

    /// <summary>
    /// Daily at the send time, in the jurisdiction's zone, on its working days only: the trigger is daily (not
    /// MON-FRI) and its working-day calendar removes days off, so it also fires on an adjusted working Saturday.
    /// Firings missed during downtime are dropped: the start-up evaluation catches up on everything due since,
    /// from the ledger, once rather than once per missed day.
    /// </summary>
    public static ITrigger SendWindowTrigger(Jurisdiction jurisdiction, TimeProvider? time = null)
    {
        var t = jurisdiction.SendTime;
        return TriggerBuilder.Create(time ?? TimeProvider.System)
            .WithIdentity(SendWindowKey(jurisdiction))
            .ForJob(EvaluationJob.Key)
            .WithDescription($"{jurisdiction.Name} send window {t:HH:mm:ss} {jurisdiction.TimeZone.Id}, working days")
            .WithCalendarName(WorkingDayQuartzCalendar.NameFor(jurisdiction.Id))
            .WithCronSchedule($"{t.Second} {t.Minute} {t.Hour} * * ?", cron => cron
                .InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(jurisdiction.TimeZone.Id))
                .WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();
    }

    // Built on the scheduler's clock: a trigger starts at its builder's "now" and never fires before it.
    public static ITrigger StartupTrigger(TimeProvider? time = null) => TriggerBuilder.Create(time ?? TimeProvider.System)
        .WithIdentity(StartupKey)
        .ForJob(EvaluationJob.Key)
        .WithDescription("catch-up at start-up")
        .StartNow()
        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();

    public static ITrigger SafetyTrigger(Duration interval, TimeProvider? time = null) => TriggerBuilder.Create(time ?? TimeProvider.System)
        .WithIdentity(SafetyKey)
        .ForJob(EvaluationJob.Key)
        .WithDescription($"safety evaluation every {interval.ToTimeSpan()}")
        .StartAt((time ?? TimeProvider.System).GetUtcNow() + interval.ToTimeSpan())
        .WithSimpleSchedule(s => s.WithInterval(interval.ToTimeSpan()).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
        .Build();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        scheduler = await schedulerFactory.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<EvaluationJob>().WithIdentity(EvaluationJob.Key).StoreDurably()
            .WithDescription("evaluate every open occurrence and send what is due").Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        await Reschedule(scheduler, StartupTrigger(time), cancellationToken);
        await Reschedule(scheduler, SafetyTrigger(settings.SafetyInterval, time), cancellationToken);
        await SyncSendWindows(rules.Current, cancellationToken);
        rules.Changed += OnRulesChanged;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        rules.Changed -= OnRulesChanged;
        return Task.CompletedTask;
    }

    private void OnRulesChanged(object? sender, RuleSet newRules) =>
        _ = Task.Run(async () =>
        {
            try { await SyncSendWindows(newRules, CancellationToken.None); }
            catch (Exception e) { logger.LogError(e, "could not update the send-window triggers: {Reason}", e.Message); }
        });

    /// <summary>One trigger per jurisdiction; unchanged ones are left alone so that their persisted misfire state survives a restart.</summary>
    private async Task SyncSendWindows(RuleSet ruleSet, CancellationToken cancellationToken)
    {
        if (scheduler is null) return;
        await syncLock.WaitAsync(cancellationToken);
        try
        {
            // Calendars first: a reload may bring a new year of holiday data, and the triggers are recomputed with it.
            await WorkingDayQuartzCalendar.RegisterAsync(scheduler, ruleSet, cancellationToken);
            var wanted = ruleSet.Directories.Values.Select(d => (Trigger: SendWindowTrigger(d.Jurisdiction, time), d.Jurisdiction)).ToDictionary(w => w.Trigger.Key);
            var existing = await scheduler.GetTriggersOfJob(EvaluationJob.Key, cancellationToken);
            foreach (var old in existing.Where(t => t.Key.Name.StartsWith("send-window:", StringComparison.Ordinal) && !wanted.ContainsKey(t.Key)))
            {
                await scheduler.UnscheduleJob(old.Key, cancellationToken);
                logger.LogInformation("send window {Trigger} removed: its jurisdiction is no longer in the rules", old.Key.Name);
            }
            foreach (var (trigger, jurisdiction) in wanted.Values)
            {
                var cron = (ICronTrigger)trigger;
                if (existing.FirstOrDefault(t => t.Key.Equals(trigger.Key)) is ICronTrigger current
                    && current.CronExpressionString == cron.CronExpressionString && current.TimeZone.Id == cron.TimeZone.Id
                    && current.CalendarName == cron.CalendarName)
                    continue;
                await Reschedule(scheduler, trigger, cancellationToken);
                var next = await NextFireTime(scheduler, trigger, cancellationToken) is { } at
                    ? Cli.Json.Iso(Instant.FromDateTimeOffset(at).InZone(jurisdiction.TimeZone)) : "never";
                logger.LogInformation("send window {Trigger}: {Description}, next at {NextFire}", trigger.Key.Name, trigger.Description, next);
            }
        }
        finally
        {
            syncLock.Release();
        }
    }

    /// <summary>The next firing of a trigger as the scheduler sees it, with its working-day calendar applied.</summary>
    private static async Task<DateTimeOffset?> NextFireTime(IScheduler scheduler, ITrigger trigger, CancellationToken cancellationToken) =>
        (await scheduler.GetTrigger(trigger.Key, cancellationToken))?.NextFireTimeUtc;

    private static async Task Reschedule(IScheduler scheduler, ITrigger trigger, CancellationToken cancellationToken) =>
        await scheduler.ScheduleJob(trigger, ScheduleJobOptions.Replacing, cancellationToken);
}
