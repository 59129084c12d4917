using System.CommandLine;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Rules.Rollover;

namespace SciLiteracy.Compliance.Cli;

/// <summary>
/// `scilit rollover`: writes a draft successor pack for a plan (its plan-bound obligations carried over, assumed) into the
/// jurisdiction's folder, then validates the rules with it; the office edits the draft against the new plan.
/// </summary>
public static class RolloverVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "Jurisdiction id, e.g. xunwu", Required = true };
        var plan = new Option<string>("--plan") { Description = "The plan to succeed, e.g. xunwu-2021-2025", Required = true };
        var from = CommonOptions.Date("--from", "First day of the successor plan (YYYY-MM-DD)");
        var to = CommonOptions.Date("--to", "Last day of the successor plan (YYYY-MM-DD)");
        var id = new Option<string>("--id") { Description = "Id of the successor plan (default <jurisdiction>-<from year>-<to year>)" };
        var outFile = new Option<string>("--out") { Description = "File to write (default <rules>/<jurisdiction>/<plan id>.yaml); never overwritten" };
        var command = new Command("rollover", "Write a draft successor pack for a plan: its plan-bound obligations carried over, marked assumed")
            { rules, jurisdiction, plan, from, to, id, outFile };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(rules)!;
            var (start, end) = (parse.GetValue(from), parse.GetValue(to));
            if (start > end)
            {
                output.Err.WriteLine($"error: --from {start:uuuu-MM-dd} is after --to {end:uuuu-MM-dd}");
                return 1;
            }
            if (RuleSetLoading.LoadOrReport(directory, output) is not { } set) return 1;
            var j = parse.GetValue(jurisdiction)!;
            if (!set.Directories.ContainsKey(j))
            {
                output.Err.WriteLine($"error: unknown jurisdiction '{j}'{Rules.Diagnostics.DidYouMean.Hint(j, set.Directories.Keys)}");
                return 1;
            }
            var planId = parse.GetValue(plan)!;
            if (set.PlansOf(j).FirstOrDefault(p => p.Id == planId) is not { } old)
            {
                output.Err.WriteLine($"error: jurisdiction '{j}' has no plan '{planId}'" +
                    (set.PlansOf(j).Count == 0 ? " (it declares no plans)" : Rules.Diagnostics.DidYouMean.Hint(planId, set.PlansOf(j).Select(p => p.Id))));
                return 1;
            }
            if (start <= old.To)
            {
                output.Err.WriteLine($"error: the successor must start after plan '{old.Id}' ends ({old.To:uuuu-MM-dd}); --from is {start:uuuu-MM-dd}");
                return 1;
            }
            var draft = SuccessorDraft.Write(directory, set, old, start, end, parse.GetValue(id));
            if (set.PlansOf(j).Any(p => p.Id == draft.PlanId))
            {
                output.Err.WriteLine($"error: jurisdiction '{j}' already has a plan '{draft.PlanId}'");
                return 1;
            }
            var path = parse.GetValue(outFile) ?? Path.Combine(directory, j, draft.PlanId + ".yaml");
            if (File.Exists(path))
            {
                output.Err.WriteLine($"error: {path} exists; rollover never overwrites a file (give --out)");
                return 1;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            File.WriteAllText(path, draft.Yaml);
            var check = RuleSetCompilation.Load(directory);
            foreach (var e in check.Errors) output.Err.WriteLine(e);
            foreach (var (oldId, standing) in draft.Superseded)
                output.Out.WriteLine($"not carried over: {oldId} (superseded by the standing duty {standing})");
            output.Out.WriteLine($"wrote {path}: plan {draft.PlanId} ({start:uuuu-MM-dd}..{end:uuuu-MM-dd}), {draft.Carried} obligation(s) of {old.Id} carried over with assumed: true; " +
                (check.Rules is null ? $"{check.Errors.Count()} error(s) — fix them before use" : "the rules validate with it"));
            return check.Rules is null ? 1 : 0;
        });
        return command;
    }
}
