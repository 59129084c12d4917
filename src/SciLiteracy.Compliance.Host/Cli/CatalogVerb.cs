using System.CommandLine;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit catalog`: every obligation with its schedule and citation, so an office can check a pack against its plan.</summary>
public static class CatalogVerb
{
    /// <summary>The JSON contract of `catalog --format json` (docs/rule-format.md).</summary>
    public sealed record CatalogEntry(
        string Id, string Jurisdiction, string Kind, string Title, string Schedule, string Responsible,
        IReadOnlyList<string> ResponsibleUnits, IReadOnlyList<string> Lead, bool Assumed, string? AssumedReason,
        CatalogSource Source, CatalogTarget? Target);

    public sealed record CatalogSource(string File, string Clause, string Quote);

    public sealed record CatalogTarget(string Indicator, decimal Value, string Unit, string By, string Direction);

    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var format = CommonOptions.Format();
        var command = new Command("catalog", "List every obligation with its schedule, responsible units and source clause") { rules, format };
        command.SetAction(parse =>
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            var entries = Entries(set);
            if (parse.GetValue(format) == "json") output.Out.WriteLine(Json.Serialize(entries));
            else WriteTable(entries, output.Out);
            return 0;
        });
        return command;
    }

    public static List<CatalogEntry> Entries(RuleSet set) => set.Obligations
        .OrderBy(o => o.JurisdictionId, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal)
        .Select(o => new CatalogEntry(
            o.Id, o.JurisdictionId, o.Kind.ToString().ToLowerInvariant(), o.Title, o.Schedule.Describe(), o.ResponsibleDescription,
            o.ResponsibleUnitIds, o.LeadUnitIds, o.Assumed, o.AssumedReason,
            new CatalogSource(o.Source.File, o.Source.Clause, o.Source.Quote),
            o.Target is { } t ? new CatalogTarget(t.Indicator, t.Value, t.Unit, t.By.ToString("uuuu-MM-dd", null), t.Direction == TargetDirection.Increase ? "increase" : "decrease") : null))
        .ToList();

    private static void WriteTable(IReadOnlyList<CatalogEntry> entries, TextWriter w)
    {
        foreach (var group in entries.GroupBy(e => e.Jurisdiction))
        {
            w.WriteLine($"== {group.Key}");
            foreach (var e in group)
            {
                w.WriteLine($"{e.Id}  [{e.Kind}]  {e.Title}");
                w.WriteLine($"    when: {e.Schedule}{(e.Assumed ? $"  [assumed date 假定日期: {e.AssumedReason}]" : "")}");
                w.WriteLine($"    who:  {e.Responsible}");
                w.WriteLine($"    from: {e.Source.File} {e.Source.Clause}: {e.Source.Quote}");
            }
        }
        w.WriteLine($"{entries.Count} obligation(s), {entries.Count(e => e.Assumed)} with assumed dates");
    }
}
