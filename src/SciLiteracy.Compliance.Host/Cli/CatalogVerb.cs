using System.CommandLine;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Plans;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit catalog`: every obligation with its schedule and citation, so an office can check a pack against its plan.</summary>
public static class CatalogVerb
{
    /// <summary>The JSON contract of `catalog --format json` (docs/rule-format.md).</summary>
    public sealed record CatalogEntry(
        string Id, string Jurisdiction, string Kind, string Title, string Schedule, string Responsible,
        IReadOnlyList<string> ResponsibleUnits, IReadOnlyList<string> Lead, bool Assumed, string? AssumedReason,
        CatalogSource Source, CatalogTarget? Target, string Term, string? Plan, string? TermBasis, CatalogSupersedes? Supersedes);

    /// <summary>A seed file (file, clause) or a notice (notice; clause optional).</summary>
    public sealed record CatalogSource(string? File, string? Clause, string Quote, CatalogNotice? Notice, string Document);

    public sealed record CatalogNotice(string Document, string? Number, string Issuer, string Date, string Url);

    public sealed record CatalogSupersedes(string Obligation, string From);

    public sealed record CatalogTarget(string Indicator, decimal Value, string Unit, string By, string Direction, string Scope, IReadOnlyList<string> Contributors);

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
            new CatalogSource(o.Source.File, o.Source.Clause, o.Source.Quote, o.Source.Notice is { } n
                ? new CatalogNotice(n.Document, n.Number, n.Issuer, n.Date.ToString("uuuu-MM-dd", null), n.Url) : null, o.Source.Document),
            o.Target is { } t
                ? new CatalogTarget(t.Indicator, t.Value, t.Unit, t.By.ToString("uuuu-MM-dd", null), t.Direction == TargetDirection.Increase ? "increase" : "decrease",
                    t.Scope == TargetScope.Area ? "area" : "unit", t.ContributorUnitIds)
                : null,
            TermName(o.Term), o.PlanId, o.TermBasis,
            o.Supersedes is { } s ? new CatalogSupersedes(s.ObligationId, s.From.ToString("uuuu-MM-dd", null)) : null))
        .ToList();

    /// <summary>standing, plan or unclassified: the name `catalog` and the docs use.</summary>
    public static string TermName(ObligationTerm term) => term switch
    {
        ObligationTerm.Standing => "standing",
        ObligationTerm.PlanBound => "plan",
        _ => "unclassified",
    };

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
                w.WriteLine($"    term: {e.Term switch { "standing" => "长期（standing）", "plan" => $"随规划（plan {e.Plan}）", _ => "未分类（unclassified）" }}" +
                    (e.TermBasis is null ? "" : $"：{e.TermBasis}") + (e.Supersedes is { } s ? $"；自{s.From}起取代 {s.Obligation}" : ""));
                w.WriteLine($"    from: {e.Source.Document}{(e.Source.Notice is { } n ? " " + n.Url : "")}{(e.Source.Clause is null ? "" : " " + e.Source.Clause)}: {e.Source.Quote}");
            }
        }
        w.WriteLine($"{entries.Count} obligation(s), {entries.Count(e => e.Assumed)} with assumed dates");
    }
}
