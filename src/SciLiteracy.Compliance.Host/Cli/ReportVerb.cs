using System.CommandLine;
using SciLiteracy.Compliance.Application;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit report`: the timeliness 通报 of a year, per unit, scored and ranked (docs/report.md).</summary>
public static class ReportVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var state = CommonOptions.State();
        var year = new Option<int>("--year") { Description = "The year whose items are judged (by their nominal due date)", Required = true };
        var format = new Option<string>("--format") { Description = "csv, xlsx or html", DefaultValueFactory = _ => "csv" }.AcceptOnlyFromAmong("csv", "xlsx", "html");
        var outFile = new Option<string?>("--out") { Description = "Write to this file instead of standard output (required for xlsx)" };
        var jurisdiction = new Option<string?>("--jurisdiction") { Description = "Only this jurisdiction's units" };
        var weights = new Option<string?>("--weights") { Description = "The scoring rule's weights, e.g. missed=10,late=2,late-day=0.5,cap=30,extension=1,base=100" };
        var command = new Command("report", "The timeliness 通报 of a year: per unit on time, late (days), missed and extensions, scored and ranked")
            { rules, state, year, format, outFile, jurisdiction, weights };
        command.SetAction(parse =>
        {
            var (rule, problem) = ScoringRule.Parse(parse.GetValue(weights) ?? "");
            if (rule is null) { output.Err.WriteLine($"error: --weights: {problem}"); return 1; }
            var kind = parse.GetValue(format)!;
            var path = parse.GetValue(outFile);
            if (kind == "xlsx" && path is null) { output.Err.WriteLine("error: --format xlsx needs --out FILE (a workbook is not text)"); return 1; }
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            if (parse.GetValue(jurisdiction) is { } j && !set.Directories.ContainsKey(j))
            {
                output.Err.WriteLine($"error: --jurisdiction: no jurisdiction '{j}' in the rules ({string.Join(", ", set.Directories.Keys.Order(StringComparer.Ordinal))})");
                return 1;
            }
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            var rows = new TimelinessReport(set, store).Run(parse.GetValue(year), output.Clock.GetCurrentInstant(), rule, parse.GetValue(jurisdiction));
            using var buffer = new MemoryStream();
            TimelinessReportFormats.Write(rows, kind, parse.GetValue(year), rule, buffer);
            if (path is null) output.Out.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            else
            {
                File.WriteAllBytes(path, buffer.ToArray());
                output.Out.WriteLine($"{rows.Count} unit(s) written to {path}");
            }
            return 0;
        });
        return command;
    }
}
