using System.CommandLine;
using SciLiteracy.Compliance.Expressions;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit validate`: every problem at once as path:line:col, exit 1; or a one-line summary, exit 0.</summary>
public static class ValidateVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var showAssumed = new Option<bool>("--show-assumed") { Description = "Also list every obligation whose date the pack assumed, with the reason" };
        var command = new Command("validate", "Check the rule files and report every problem at once") { rules, showAssumed };
        command.SetAction(parse =>
        {
            var result = RuleSetCompilation.Load(parse.GetValue(rules)!);
            foreach (var d in result.Diagnostics) output.Err.WriteLine(d);
            var errors = result.Errors.Count();
            var warnings = result.Warnings.Count();
            if (result.Rules is not { } set)
            {
                output.Err.WriteLine($"{errors} error(s), {warnings} warning(s) in {result.FileCount} file(s)");
                return 1;
            }
            var assumed = set.Obligations.Count(o => o.Assumed);
            if (parse.GetValue(showAssumed))
                foreach (var o in set.Obligations.Where(o => o.Assumed).OrderBy(o => o.Location.Path, StringComparer.Ordinal).ThenBy(o => o.Location.Line))
                    output.Out.WriteLine($"{o.Location}: note: assumed date for {o.Id} ({o.Schedule.Describe()}): {o.AssumedReason}");
            output.Out.WriteLine(
                $"ok: {result.FileCount} file(s), {set.Directories.Count} jurisdiction(s), {set.Directories.Values.Sum(d => d.Units.Count())} unit(s), " +
                $"{set.Obligations.Length} obligation(s) ({assumed} with assumed dates), {warnings} warning(s)");
            return 0;
        });
        return command;
    }
}
