using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Rules.Checks;
using SciLiteracy.Compliance.Rules.Diagnostics;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit validate`: every problem at once as path:line:col, exit 1; or a one-line summary, exit 0.</summary>
public static class ValidateVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var showAssumed = new Option<bool>("--show-assumed") { Description = "Also list every obligation whose date the pack assumed, with the reason" };
        var asOf = new Option<string>("--as-of") { Description = "Judge plan ends, the next 90 days and holiday data from this date (YYYY-MM-DD) instead of today" };
        var seeds = new Option<string>("--seeds") { Description = "Folder of the source plans that `source.file` names (default: seeds/ beside the rules directory, else ../shared/seeds)" };
        var command = new Command("validate", "Check the rule files and report every problem at once") { rules, showAssumed, asOf, seeds };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(rules)!;
            var loaded = RuleSetCompilation.Load(directory);
            var seedsDirectory = parse.GetValue(seeds) ?? TimelineWarnings.FindSeeds(directory);
            if (parse.GetValue(seeds) is { } given && !System.IO.Directory.Exists(given))
            {
                output.Err.WriteLine($"error: --seeds '{given}' is not a directory");
                return 1;
            }
            LocalDate today;
            if (parse.GetValue(asOf) is { } text)
            {
                if (LocalDatePattern.Iso.Parse(text) is not { Success: true } parsed)
                {
                    output.Err.WriteLine($"error: --as-of '{text}' is not a date; expected YYYY-MM-DD");
                    return 1;
                }
                today = parsed.Value;
            }
            else today = output.Clock.GetCurrentInstant().InZone(
                loaded.Rules?.Directories.Values.FirstOrDefault()?.Jurisdiction.TimeZone ?? DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
            var diagnostics = new DiagnosticBag();
            diagnostics.AddRange(loaded.Diagnostics);
            if (loaded.Rules is { } valid) diagnostics.AddRange(TimelineWarnings.Check(valid, today, seedsDirectory));
            var result = loaded with { Diagnostics = diagnostics.ToImmutable() };
            foreach (var d in result.Diagnostics) output.Err.WriteLine(d);
            if (seedsDirectory is null && result.Rules is not null)
                output.Err.WriteLine("note: no seeds folder found (--seeds): source files were not checked");
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
