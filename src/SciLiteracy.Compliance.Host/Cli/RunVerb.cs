using SciLiteracy.Compliance.State;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Worker;
using SciLiteracy.Compliance.Web;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit run`: the worker. Evaluates the rules on Quartz triggers until stopped (Ctrl+C, SIGTERM); exit codes in <see cref="WorkerExitCodes"/>.</summary>
public static class RunVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = new Option<string?>("--rules") { Description = "Directory of rule files (default: Compliance:RulesDirectory, else rules)" };
        var state = new Option<string?>("--state") { Description = "State database file (default: Compliance:StateFile, else state/compliance.db)" };
        var command = new Command("run", "Run the worker (the default verb)") { rules, state };
        command.SetAction(parse =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(rules) is { } rulesDirectory) overrides["Compliance:RulesDirectory"] = rulesDirectory;
            if (parse.GetValue(state) is { } stateFile) overrides["Compliance:StateFile"] = stateFile;
            // Until the configuration is read, start-up failures go to the bootstrap logger: one line on stderr each.
            using var bootstrap = WorkerLogging.Bootstrap();
            IHost? host;
            WorkerSettings settings;
            try
            {
                var builder = WorkerHost.CreateBuilder(overrides);
                settings = WorkerSettings.From(builder.Configuration);
                host = WorkerHost.Build(builder, (services, configuration, s) =>
                {
                    services.AddCompliancePipeline(configuration, s);
                    services.AddComplianceWeb(configuration, s.StateFile);
                    services.AddSingleton<IWebEndpoints>(sp => new HealthEndpoint(() => sp.GetRequiredService<WorkerHealth>().Current));
                });
            }
            catch (Exception e) when (e is SettingsException or InvalidOperationException)
            {
                bootstrap.Error("error: {Reason}", e.Message);
                return WorkerExitCodes.BadSettings;
            }
            catch (InvalidDataException e) // an appsettings.json that does not parse
            {
                bootstrap.Error("error: {Reason}", e.GetBaseException().Message);
                return WorkerExitCodes.BadSettings;
            }
            catch (WorkerLockedException e)
            {
                bootstrap.Error("{Reason}", e.Message);
                return WorkerExitCodes.AnotherWorker;
            }
            if (host is null) return WorkerExitCodes.Refused;
            using (host)
            {
                // Opened before the scheduler starts: a locked, damaged or newer state file stops the start in one line.
                try { host.Services.GetService<IStateStore>(); }
                catch (StateFileException e)
                {
                    bootstrap.Error("{Reason}", e.Message);
                    return WorkerExitCodes.Refused;
                }
                return BoundedRun.Run(host, settings, line => bootstrap.Error("{Reason}", line));
            }
        });
        return command;
    }
}
