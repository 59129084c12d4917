using System.CommandLine;
using SciLiteracy.Compliance.Application;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit catalog`: every obligation with its schedule and citation, so an office can check a pack against its plan.</summary>
public static class CatalogVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var format = CommonOptions.Format();
        var command = new Command("catalog", "List every obligation with its schedule, responsible units and source clause") { rules, format };
        command.SetAction(parse =>
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            var entries = CatalogQuery.Entries(set);
            if (parse.GetValue(format) == "json") output.Out.WriteLine(Json.Serialize(entries));
            else WriteTable(entries, output.Out);
            return 0;
        });
        return command;
    }

    private static void WriteTable(IReadOnlyList<CatalogQuery.CatalogEntry> entries, TextWriter w)
    {
        foreach (var group in entries.GroupBy(e => e.Jurisdiction))
        {
            w.WriteLine($"== {group.Key}");
            foreach (var e in group)
            {
                w.WriteLine($"{e.Id}  [{e.Kind}]  {e.Title}");
                w.WriteLine($"    when: {e.Schedule}{(e.Assumed ? $"  [assumed date 假定日期: {e.AssumedReason}]" : "")}");
                w.WriteLine($"    who:  {e.Responsible}");
                w.WriteLine($"    term: {e.Term switch { "standing" => "长期（standing）", "plan" => $"随规划（plan {e.Plan}）", _ => "未分类（unclassified）" }}" +
                    (e.TermBasis is null ? "" : $"：{e.TermBasis}") + (e.Supersedes is { } s ? $"；自{s.From}起取代 {s.Obligation}" : ""));
                w.WriteLine($"    from: {e.Source.Document}{(e.Source.Notice is { } n ? " " + n.Url : "")}{(e.Source.Clause is null ? "" : " " + e.Source.Clause)}: {e.Source.Quote}");
            }
        }
        w.WriteLine($"{entries.Count} obligation(s), {entries.Count(e => e.Assumed)} with assumed dates");
    }
}
