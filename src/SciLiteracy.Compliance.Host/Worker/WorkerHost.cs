using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Quartz;
using Serilog;
using Serilog.Extensions.Logging;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.State;

using SciLiteracy.Compliance.Scheduling;

namespace SciLiteracy.Compliance.Worker;

/// <summary>Builds the `scilit run` worker: configuration, Serilog, the watched rules, the clock and the Quartz schedule.</summary>
public static class WorkerHost
{
    /// <summary>
    /// Configuration from the appsettings.json next to the binary, then one in the working directory, then
    /// environment variables (Compliance__StateFile, …), then <paramref name="overrides"/> (the command line).
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
        var serilog = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).CreateLogger();
        var loggerFactory = new SerilogLoggerFactory(serilog, dispose: false);
        // The state file before anything else: one from a newer scilit is refused untouched, before the rules
        // (and their compile cache beside it) or the scheduler store are written.
        var provider = StateProviders.For(ComplianceConfiguration.StateProvider(builder.Configuration));
        IStateStore state;
        try { state = provider.Store.Open(settings.StateFile); }
        catch (Exception e) when (e is StateFileException or IOException or UnauthorizedAccessException)
        {
            serilog.Error("{Error}", e is StateFileException ? e.Message : $"{settings.StateFile}: error: cannot open the state file: {e.Message}");
            serilog.Dispose();
            return null;
        }
        var rules = WatchedRuleSource.Open(settings.RulesDirectory, settings.RulesPollInterval, loggerFactory.CreateLogger<WatchedRuleSource>(),
            settings.ConditionsCacheDirectory);
        if (rules is null)
        {
            serilog.Dispose();
            return null;
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(serilog, dispose: true);

        var services = builder.Services;
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
        {
            serilog.Dispose();
            throw new SettingsException("this build has no notification pipeline: nothing registers IComplianceCycle (ComplianceServices.AddCompliance)");
        }

        services.AddQuartz(quartz =>
        {
            quartz.UsePersistentStore(store =>
            {
                // Quartz's store comes with the state store of State:Provider, beside it.
                provider.UseForScheduler(store, settings.StateFile);
                // The working-day calendars of the send windows are stored with the triggers that use them.
                store.UseSystemTextJsonSerializer(json => json.AddCalendarSerializer(new WorkingDayQuartzCalendarSerializer()));
                store.ProvisionSchema();
            });
        });
        // Registered before Quartz's own hosted service, so the triggers are in place when the scheduler starts.
        services.AddHostedService<EvaluationSchedule>();
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return builder.Build();
    }
}
