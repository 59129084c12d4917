using SciLiteracy.Compliance.State;
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Worker;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit run`: the worker. Evaluates the rules on Quartz triggers until stopped (Ctrl+C, SIGTERM).</summary>
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
            IHost? host;
            try
            {
                host = WorkerHost.Build(WorkerHost.CreateBuilder(overrides), (services, configuration, settings) => services.AddCompliancePipeline(configuration, settings));
            }
            catch (SettingsException e)
            {
                output.Err.WriteLine($"error: {e.Message}");
                return 2;
            }
            if (host is null) return 1;
            using (host)
            {
                // Opened before the scheduler starts: a locked, damaged or newer state file stops the start in one line.
                try { host.Services.GetService<IStateStore>(); }
                catch (StateFileException e)
                {
                    output.Err.WriteLine(e.Message);
                    return 1;
                }
                host.Run();
            }
            return 0;
        });
        return command;
    }
}
