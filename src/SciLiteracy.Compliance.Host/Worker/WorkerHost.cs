using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Quartz;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Extensions.Hosting;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.State;

using SciLiteracy.Compliance.Scheduling;

namespace SciLiteracy.Compliance.Worker;

/// <summary>Builds the `scilit run` worker: configuration, Serilog, the watched rules, the clock and the Quartz schedule.</summary>
public static class WorkerHost
{
    /// <summary>
    /// Configuration, each later source over the earlier ones (the .NET convention): the appsettings.json next to the binary,
    /// one in the working directory, the legacy SCILIT_SMTP_* variables, environment variables (Compliance__StateFile,
    /// Smtp__Port, …), then <paramref name="overrides"/> (the command line).
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        ComplianceConfiguration.AddSources(builder.Configuration, builder.Environment.ContentRootPath, overrides);
        return builder;
    }

    /// <summary>
    /// The worker, or null when the state file is refused or the rules do not validate (every error has then been logged).
    /// <paramref name="addPipeline"/> registers the <see cref="IComplianceCycle"/> and what it needs.
    /// <paramref name="time"/> is the clock Quartz and the pipeline both read (default: the system clock); tests pass one they move.
    /// </summary>
    public static IHost? Build(HostApplicationBuilder builder, Action<IServiceCollection, IConfiguration, WorkerSettings> addPipeline,
        TimeProvider? time = null)
    {
        var settings = WorkerSettings.From(builder.Configuration);
        var serilog = WorkerLogging.FromConfiguration(builder.Configuration);
        var loggerFactory = new SerilogLoggerFactory(serilog, dispose: false);
        // State:Provider (sqlite by default): postgres shares the state and Quartz's cluster in one database (docs/deploy.md).
        var provider = StateProviders.For(ComplianceConfiguration.StateProvider(builder.Configuration));
        var location = provider.LocationOf(builder.Configuration, settings.StateFile);
        WorkerLock? workerLock = null;
        var started = false;
        try
        {
            // The path before anything is opened there: a dangling link, a folder others may write, a disk with no room.
            try
            {
                if (!provider.Shared)
                {
                    foreach (var warning in StatePathCheck.Check(settings.StateFile)) serilog.Warning("{Warning}", warning);
                    StorageFault.RefuseIfFull(settings.StateFile);
                }
            }
            catch (StateFileException e)
            {
                serilog.Error("{Error}", e.Message);
                return null;
            }
            // One worker per state file: a second exits at once naming the first (WorkerLockedException), unless clustered.
            if (!settings.Clustered && !provider.Shared) workerLock = WorkerLock.Acquire(settings.StateFile);
            // The state file before anything else: one from a newer scilit is refused untouched, before the rules
            // are written.
            IStateStore state;
            try { state = provider.Store.Open(location); }
            catch (Exception e) when (e is StateFileException or IOException or UnauthorizedAccessException)
            {
                var message = e is StateFileException ? e.Message : $"{settings.StateFile}: error: cannot open the state file: {e.Message}";
                serilog.Error("{Error}", StorageFault.Is(e) ? $"{message} ({StorageFault.FreeSpace(settings.StateFile)})" : message);
                return null;
            }
            var rules = WatchedRuleSource.Open(settings.RulesDirectory, settings.RulesPollInterval, loggerFactory.CreateLogger<WatchedRuleSource>());
            if (rules is null) return null;
            var host = Compose(builder, addPipeline, time, settings, serilog, loggerFactory, workerLock, state, rules, provider, location);
            host.Services.GetService<WorkerLock>();
            try { host.Services.GetRequiredService<WorkerHealth>().WriteInitial(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException || StorageFault.Is(e))
            {
                serilog.Error("{Error}", $"{HealthReport.PathFor(settings.StateFile)}: error: cannot write the health file: {e.Message} ({StorageFault.FreeSpace(settings.StateFile)})");
                host.Dispose();
                return null;
            }
            started = true;
            return host;
        }
        finally
        {
            if (!started)
            {
                workerLock?.Dispose();
                serilog.Dispose();
            }
        }
    }

    private static IHost Compose(HostApplicationBuilder builder, Action<IServiceCollection, IConfiguration, WorkerSettings> addPipeline, TimeProvider? time,
        WorkerSettings settings, Serilog.Core.Logger serilog, SerilogLoggerFactory loggerFactory, WorkerLock? workerLock, IStateStore state, WatchedRuleSource rules,
        StateProviderRegistration provider, string location)
    {
        var services = builder.Services;
        // Serilog.Extensions.Hosting: the host's ILoggerFactory is Serilog's, and the host disposes (flushes) the logger.
        services.AddSerilog(serilog, dispose: true);
        services.Configure<HostOptions>(options => options.ShutdownTimeout = settings.ShutdownTimeout);
        // A factory, so that the container owns the lock and releases it when the host is disposed.
        if (workerLock is not null) services.AddSingleton(_ => workerLock);
        services.AddSingleton(settings);
        services.AddSingleton<IRuleSource>(_ => rules);
        services.AddSingleton<IStateStore>(state);
        // Quartz takes its clock from the container, so the triggers and the pipeline run on the same time.
        services.AddSingleton(time ?? TimeProvider.System);
        IClock baseClock = time is null ? SystemClock.Instance : new TimeProviderClock(time);
        IClock clock = settings.Clock is { } virtualClock ? new VirtualClock(virtualClock, baseClock) : baseClock;
        services.AddSingleton(clock);
        // Days ahead without holiday data count as Monday to Friday: say so at start and after every reload.
        var coverageLogger = loggerFactory.CreateLogger("SciLiteracy.Compliance.Calendars");
        CalendarCoverageWarnings.Log(coverageLogger, rules.Current, clock);
        rules.Changed += (_, set) => CalendarCoverageWarnings.Log(coverageLogger, set, clock);
        addPipeline(services, builder.Configuration, settings);
        if (!services.Any(d => d.ServiceType == typeof(IComplianceCycle)))
            throw new SettingsException("this build has no notification pipeline: nothing registers IComplianceCycle (ComplianceServices.AddCompliance)");
        services.AddSingleton<WorkerHealth>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkerHealth>());

        services.AddQuartz(quartz =>
        {
            // One worker keeps its triggers in memory: they are rebuilt from the rules at every start (the start-up evaluation
            // catches up from the ledger), and a full or failing disk cannot stop the scheduler firing or the worker stopping.
            if (!settings.Clustered && !provider.Shared) return;
            quartz.UsePersistentStore(store =>
            {
                // Quartz's store comes with the state store of State:Provider, beside it (clustered in a shared database).
                provider.UseForScheduler(store, location, builder.Configuration);
                // The working-day calendars of the send windows are stored with the triggers that use them.
                store.UseSystemTextJsonSerializer(json => json.AddCalendarSerializer(new WorkingDayQuartzCalendarSerializer()));
                if (!provider.Shared) store.UseClustering();
                // Quartz's own tables (for PostgreSQL its tables_postgres.sql), created when missing; workers starting together create them once.
                store.ProvisionSchema();
            });
        });
        // Registered before Quartz's own hosted service, so the triggers are in place when the scheduler starts.
        services.AddHostedService<EvaluationSchedule>();
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return builder.Build();
    }
}
