using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Quartz;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Extensions.Hosting;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;

using SciLiteracy.Compliance.Scheduling;

namespace SciLiteracy.Compliance.Worker;

/// <summary>Builds the `scilit run` worker: configuration, Serilog, the watched rules, the clock and the Quartz schedule.</summary>
public static class WorkerHost
{
    public const string SettingsFile = "appsettings.json";

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
        // The published binary carries its own appsettings.json; one in the working directory overrides it.
        if (!string.Equals(Path.GetFullPath(AppContext.BaseDirectory).TrimEnd('/'), builder.Environment.ContentRootPath.TrimEnd('/'), StringComparison.Ordinal))
            builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = SettingsFile,
                Optional = true,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            });
        // SCILIT_SMTP_PORT and the like came after the files once, so the shipped Smtp:Port and Smtp:StartTls always won
        // over them; now they sit above the files and below Smtp__Port.
        var environment = builder.Configuration.Sources.Select((source, index) => (source, index))
            .FirstOrDefault(s => s.source is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        var legacy = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = LegacySmtpVariables() };
        if (environment.source is null) builder.Configuration.Sources.Add(legacy);
        else builder.Configuration.Sources.Insert(environment.index, legacy);
        builder.Configuration.AddInMemoryCollection(overrides);
        return builder;
    }

    /// <summary>SCILIT_SMTP_HOST, SCILIT_SMTP_PORT, … as Smtp:Host, Smtp:Port, … (SCILIT_SMTP_STARTTLS as Smtp:StartTls).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> LegacySmtpVariables()
    {
        string[] keys = ["Host", "Port", "Security", "StartTls", "User", "Password", "Timeout", "Connections", "From"];
        foreach (var key in keys)
            if (Environment.GetEnvironmentVariable("SCILIT_SMTP_" + key.ToUpperInvariant()) is { Length: > 0 } value)
                yield return new("Smtp:" + key, value);
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
        // State:Provider=postgres (State:ConnectionString): the state and Quartz's cluster in one shared database (docs/deploy.md).
        var postgres = builder.Configuration["State:Provider"] == "postgres" ? builder.Configuration["State:ConnectionString"] ?? "" : null;
        WorkerLock? workerLock = null;
        var started = false;
        try
        {
            // The path before anything is opened there: a dangling link, a folder others may write, a disk with no room.
            try
            {
                if (postgres is null)
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
            if (!settings.Clustered && postgres is null) workerLock = WorkerLock.Acquire(settings.StateFile);
            // The state file before anything else: one from a newer scilit is refused untouched, before the rules
            // (and their compile cache beside it) are written.
            IStateStore state;
            try { state = postgres is null ? new SqliteStateStore(settings.StateFile) : new State.Postgres.PostgresStateStore(postgres); }
            catch (Exception e) when (e is StateFileException or IOException or UnauthorizedAccessException or SqliteException)
            {
                serilog.Error("{Error}", e is StateFileException ? e.Message
                    : StorageFault.Is(e) ? $"{settings.StateFile}: error: cannot open the state file: {e.Message} ({StorageFault.FreeSpace(settings.StateFile)})"
                    : $"{settings.StateFile}: error: cannot open the state file: {e.Message}");
                return null;
            }
            var rules = WatchedRuleSource.Open(settings.RulesDirectory, settings.RulesPollInterval, loggerFactory.CreateLogger<WatchedRuleSource>());
            if (rules is null) return null;
            var host = Compose(builder, addPipeline, time, settings, serilog, loggerFactory, workerLock, state, rules, postgres);
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
        string? postgres)
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
            throw new SettingsException("this build has no notification pipeline: nothing registers IComplianceCycle in ServiceRegistration.AddCompliancePipeline");
        services.AddSingleton<WorkerHealth>();
        services.AddHostedService(provider => provider.GetRequiredService<WorkerHealth>());

        services.AddQuartz(quartz =>
        {
            // One worker keeps its triggers in memory: they are rebuilt from the rules at every start (the start-up evaluation
            // catches up from the ledger), and a full or failing disk cannot stop the scheduler firing or the worker stopping.
            if (!settings.Clustered && postgres is null) return;
            var storeFile = Path.GetFullPath(settings.SchedulerStoreFile);
            Directory.CreateDirectory(Path.GetDirectoryName(storeFile)!);
            quartz.UsePersistentStore(store =>
            {
                if (postgres is not null) ClusteredPostgresJobStore.Use(store, postgres, builder.Configuration);
                else store.UseSqlite(SqliteFactory.Instance, new SqliteConnectionStringBuilder { DataSource = storeFile }.ToString());
                // The working-day calendars of the send windows are stored with the triggers that use them.
                store.UseSystemTextJsonSerializer(json => json.AddCalendarSerializer(new WorkingDayQuartzCalendarSerializer()));
                if (postgres is null) store.UseClustering();
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
