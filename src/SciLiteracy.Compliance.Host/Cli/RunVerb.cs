using System.CommandLine;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Host.Cli;

/// <summary>`scilit run`: loads and validates the rules and reports what the worker schedules.</summary>
public static class RunVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var command = new Command("run", "Run the worker (the default verb)") { rules };
        command.SetAction(parse =>
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output, showWarnings: true) is not { } set) return 1;
            var today = NodaTime.SystemClock.Instance.GetCurrentInstant().InUtc().Date;
            var upcoming = new Planner(set).Plan(today, today.PlusDays(60)).ToList();
            output.Out.WriteLine($"loaded {set.Obligations.Length} obligation(s); {upcoming.Count} occurrence(s) and " +
                $"{upcoming.Sum(p => p.Notifications.Length)} notification(s) in the next 60 days");
            return 0;
        });
        return command;
    }
}
