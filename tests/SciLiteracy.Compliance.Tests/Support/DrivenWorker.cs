using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;
using SciLiteracy.Compliance.Worker;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>
/// The `run` worker exactly as `run` composes it (WorkerHost with the production pipeline, the real Quartz scheduler
/// (its in-memory store, as a single worker has), the real state file and transport), on a <see cref="ManualTimeProvider"/> that Quartz and the
/// pipeline share. <see cref="RunUntilAsync"/> moves that clock from one trigger's next fire time to the next, so the
/// scheduler itself decides every evaluation, and waits until each firing's evaluation has finished.
/// </summary>
public sealed class DrivenWorker : IAsyncDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private readonly IHost host;
    private readonly ExecutionCounter executions = new();

    private DrivenWorker(IHost host, ManualTimeProvider time)
    {
        this.host = host;
        Time = time;
    }

    public ManualTimeProvider Time { get; }

    /// <summary>Every evaluation the scheduler ran: the clock's reading and the trigger that fired it.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Trigger)> Firings => executions.Firings;

    /// <summary>
    /// A driven worker's configuration over <paramref name="rules"/> in <paramref name="temp"/>: its state, pickup folder
    /// (no SMTP host) and log there, the console quiet, triggers only from the rules (a long safety interval).
    /// </summary>
    public static Dictionary<string, string?> Settings(TempDir temp, string rules) => new()
    {
        ["Compliance:RulesDirectory"] = rules,
        ["Compliance:StateFile"] = temp["state/compliance.db"],
        ["Compliance:Outbox"] = temp["outbox"],
        ["Compliance:SafetyInterval"] = "06:00:00",
        ["Compliance:RulesPollInterval"] = "00:10:00",
        ["Smtp:Host"] = "",
        ["Serilog:WriteTo:0:Args:restrictedToMinimumLevel"] = "Warning",
        ["Serilog:WriteTo:1:Args:path"] = temp["logs/scilit-.log"],
    };

    /// <summary>
    /// Starts the worker with <paramref name="settings"/> as its configuration and waits for the start-up evaluation.
    /// <paramref name="addServices"/> registers more of the test's own (a channel that exists only in the tests).
    /// </summary>
    public static async Task<DrivenWorker> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings, DateTimeOffset startAt,
        Action<IServiceCollection>? addServices = null)
    {
        var time = new ManualTimeProvider(startAt);
        var host = WorkerHost.Build(WorkerHost.CreateBuilder(settings), (services, configuration, workerSettings) =>
        {
            addServices?.Invoke(services);
            services.AddCompliancePipeline(configuration, workerSettings);
        }, time);
        Assert.NotNull(host);
        var worker = new DrivenWorker(host, time);
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(worker.executions);
        await host.StartAsync();
        // The start-up trigger is due at once, on the clock as it stands.
        await worker.WaitForExecutions(1, "the start-up evaluation");
        return worker;
    }

    /// <summary>Fires every trigger whose time comes at or before <paramref name="end"/>, one moment after the other.</summary>
    public async Task RunUntilAsync(DateTimeOffset end, Action<DateTimeOffset>? afterEachMoment = null)
    {
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        while (true)
        {
            var triggers = await scheduler.GetTriggersOfJob(EvaluationJob.Key);
            var next = triggers.Select(t => t.NextFireTimeUtc).OfType<DateTimeOffset>().DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            if (next > end) return;
            // Two triggers due at one moment (send window and safety) both fire, one after the other.
            var due = triggers.Count(t => t.NextFireTimeUtc == next);
            var expected = executions.Count + due;
            Time.MoveTo(next);
            await WaitForExecutions(expected, $"{due} firing(s) at {next:O}");
            afterEachMoment?.Invoke(next);
        }
    }

    private async Task WaitForExecutions(int count, string what)
    {
        var watch = Stopwatch.StartNew();
        while (executions.Count < count)
        {
            if (watch.Elapsed > StepTimeout)
                Assert.Fail($"the scheduler did not run {what} within {StepTimeout.TotalSeconds} s; it ran {executions.Count} of {count} evaluations");
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    /// <summary>Counts finished evaluations; the scheduler calls it after the job has returned.</summary>
    private sealed class ExecutionCounter : IJobListener
    {
        private readonly List<(DateTimeOffset, string)> firings = [];

        public string Name => "driven-worker-executions";

        public int Count
        {
            get { lock (firings) return firings.Count; }
        }

        public IReadOnlyList<(DateTimeOffset At, string Trigger)> Firings
        {
            get { lock (firings) return firings.ToList(); }
        }

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            lock (firings) firings.Add((context.FireTimeUtc, context.Trigger.Key.Name));
            return ValueTask.CompletedTask;
        }
    }
}
