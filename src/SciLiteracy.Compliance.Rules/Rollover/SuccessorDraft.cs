using System.Globalization;
using System.Text;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Plans;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.Loading;
using SciLiteracy.Compliance.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace SciLiteracy.Compliance.Rules.Rollover;

/// <summary>
/// `scilit rollover`: a draft successor pack for an ended plan. Every obligation bound to the old plan is copied from its
/// rule file (ladders, conditions and all), renamed, bound to the new plan with `until: plan`, its dated schedules moved
/// by the years between the plans, and marked `assumed: true` with a note naming the old clause: the office confirms
/// each against the new plan. Standing duties are not copied (they run on), nor are the duties a standing duty supersedes
/// within the new period: carried over, they would remind twice for one duty.
/// </summary>
public static class SuccessorDraft
{
    /// <param name="Superseded">Bound duties not carried over, each with the standing duty that replaces it (old id → standing id).</param>
    public sealed record Draft(string PlanId, string Yaml, int Carried, IReadOnlyList<(string Old, string Standing)> Superseded);

    public static Draft Write(string rulesDirectory, RuleSet rules, ImplementationPlan old, LocalDate from, LocalDate to, string? newPlanId = null)
    {
        var planId = newPlanId ?? $"{old.JurisdictionId}-{from.Year}-{to.Year}";
        var years = from.Year - old.From.Year;
        var supersededBy = rules.Obligations.Where(o => o.Supersedes is { } s && s.From <= to)
            .GroupBy(o => o.Supersedes!.ObligationId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
        var superseded = rules.Obligations.Where(o => o.PlanId == old.Id && supersededBy.ContainsKey(o.Id))
            .Select(o => (Old: o.Id, Standing: supersededBy[o.Id])).OrderBy(p => p.Old, StringComparer.Ordinal).ToList();
        var bound = rules.Obligations.Where(o => o.PlanId == old.Id && !supersededBy.ContainsKey(o.Id)).ToDictionary(o => o.Id, StringComparer.Ordinal);
        var carried = new YamlSequenceNode();
        foreach (var node in ObligationNodes(rulesDirectory, bound.Keys.ToHashSet(StringComparer.Ordinal)).OrderBy(n => n.Id, StringComparer.Ordinal))
            carried.Add(CarryOver(node.Node, bound[node.Id], old, planId, years));

        var plan = new YamlMappingNode
        {
            { "id", planId },
            { "title", $"{old.Title}（后续规划 {from.Year}—{to.Year}年，草案）" },
            { "from", Iso(from) },
            { "to", Iso(to) },
            { "source", SourceNode(old.Source) },
        };
        var root = new YamlMappingNode
        {
            { "version", "1" },
            { "jurisdiction", old.JurisdictionId },
            { "plan", planId },
            { "plans", new YamlSequenceNode(plan) },
            { "obligations", carried },
        };
        var text = new StringBuilder();
        text.AppendLine($"# DRAFT successor of plan {old.Id} ({Iso(old.From)}..{Iso(old.To)}), written by `scilit rollover`.");
        text.AppendLine("# Every obligation below is carried over from the old plan with assumed: true. Confirm each against the");
        text.AppendLine("# new plan's text: correct its source (the new plan's clause and quote), dates and units, then drop");
        text.AppendLine("# 'assumed' — or delete it when the new plan no longer asks for it. Cite the new plan in plans[0].source.");
        foreach (var (oldId, standing) in superseded)
            text.AppendLine($"# Not carried over: {oldId}, superseded by the standing duty {standing}.");
        using (var writer = new StringWriter(CultureInfo.InvariantCulture))
        {
            new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
            text.Append(writer.ToString().Replace("\n...\n", "\n", StringComparison.Ordinal));
        }
        return new Draft(planId, text.ToString(), carried.Children.Count, superseded);
    }

    private static YamlMappingNode CarryOver(YamlMappingNode original, Obligation o, ImplementationPlan old, string planId, int years)
    {
        var copy = new YamlMappingNode();
        foreach (var (key, value) in original.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            switch (name)
            {
                case "id": copy.Add("id", $"{o.Id}.{planId}"); break;
                case "plan" or "assumed" or "assumedReason" or "notes" or "termBasis" or "supersedes": break;
                case "schedule": copy.Add("schedule", MovedSchedule((YamlMappingNode)value, years)); break;
                case "target": copy.Add("target", MovedTarget((YamlMappingNode)value, years)); break;
                default: copy.Add(key, value); break;
            }
        }
        var clause = o.Source.Clause is null ? o.Source.Document : $"{o.Source.Document} {o.Source.Clause}";
        copy.Add("termBasis", $"沿用上一规划（{old.Title}）：{o.TermBasis ?? clause}，待对照新规划确认");
        copy.Add("assumed", "true");
        copy.Add("assumedReason", $"沿用上一规划 {old.Id} 的 {o.Id}（{clause}），新规划是否保留、日期是否不变，待对照新规划确认");
        copy.Add("notes", $"carried over by scilit rollover from {o.Id} ({clause}); confirm against the new plan");
        return copy;
    }

    /// <summary>Recurrences run the whole new plan (`until: plan`, `from` its first year); dated ones move by the years between the plans.</summary>
    private static YamlMappingNode MovedSchedule(YamlMappingNode schedule, int years)
    {
        var recurring = schedule.Children.Keys.Any(k => k is YamlScalarNode { Value: "yearly" or "every" or "weekly" or "monthly" or "quarterly" });
        var copy = new YamlMappingNode();
        foreach (var (key, value) in schedule.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (recurring && name is "from") continue;
            if (recurring && name is "until") { copy.Add("until", "plan"); continue; }
            copy.Add(key, name switch
            {
                "once" => Moved(value, years),
                "window" => new YamlMappingNode(((YamlMappingNode)value).Children.Select(c => new KeyValuePair<YamlNode, YamlNode>(c.Key, Moved(c.Value, years)))),
                _ => value,
            });
        }
        if (recurring && !copy.Children.ContainsKey(new YamlScalarNode("until"))) copy.Add("until", "plan");
        return copy;
    }

    private static YamlMappingNode MovedTarget(YamlMappingNode target, int years)
    {
        var copy = new YamlMappingNode();
        foreach (var (key, value) in target.Children)
            if (((YamlScalarNode)key).Value is "by") copy.Add(key, Moved(value, years));
            else if (((YamlScalarNode)key).Value is not "baseline") copy.Add(key, value); // the old baseline is the new plan's to set
        return copy;
    }

    private static YamlNode Moved(YamlNode node, int years) =>
        node is YamlScalarNode { Value: { } text } && Nodes.ParseDate(text, _ => { }) is { } date ? new YamlScalarNode(Iso(date.PlusYears(years))) : node;

    private static YamlMappingNode SourceNode(SourceCitation s)
    {
        var node = new YamlMappingNode();
        if (s.Notice is { } n)
        {
            node.Add("document", n.Document);
            if (n.Number is not null) node.Add("number", n.Number);
            node.Add("issuer", n.Issuer);
            node.Add("date", Iso(n.Date));
            node.Add("url", n.Url);
        }
        else node.Add("file", s.File!);
        if (s.Clause is not null) node.Add("clause", s.Clause);
        node.Add("quote", s.Quote);
        return node;
    }

    private static IEnumerable<(string Id, YamlMappingNode Node)> ObligationNodes(string rulesDirectory, HashSet<string> ids)
    {
        var ignored = new DiagnosticBag();
        foreach (var (full, display) in RuleLoader.RuleFiles(rulesDirectory, ignored))
        {
            if (YamlFile.Load(full, display, ignored) is not YamlMappingNode root) continue;
            if (root.Children.TryGetValue(new YamlScalarNode("obligations"), out var section) && section is YamlSequenceNode list)
                foreach (var item in list.Children.OfType<YamlMappingNode>())
                    if (item.Children.TryGetValue(new YamlScalarNode("id"), out var id) && id is YamlScalarNode { Value: { } text } && ids.Contains(text.Trim()))
                        yield return (text.Trim(), item);
        }
    }

    private static string Iso(LocalDate d) => d.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
