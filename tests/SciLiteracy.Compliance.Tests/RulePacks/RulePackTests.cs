using System.Text.Json;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Tests.RulePacks;

/// <summary>The shipped rule packs: valid, cited verbatim from their own plan, and with example addresses only.</summary>
public class RulePackTests
{
    private static readonly Dictionary<string, string> SeedOf = new()
    {
        ["xunwu"] = "000_a13e3dfd61d84f37.txt",
        ["yichun"] = "001_c75b39e1ba3ffb49.txt",
        ["shanwei-chengqu"] = "002_c8089574bae4d67e.txt",
        ["linyi"] = "003_337e126e67d332a0.txt",
        ["zhangping"] = "004_c7aede69a07a1562.txt",
    };

    private static readonly LoadResult Shipped = RuleLoader.Load(Repo.Path("rules"));

    [Fact]
    public void All_five_packs_validate_without_errors_or_warnings()
    {
        Assert.True(Shipped.Rules is not null, string.Join("\n", Shipped.Diagnostics));
        Assert.Empty(Shipped.Warnings);
        Assert.Equal(SeedOf.Keys.Order(), Shipped.Rules!.Directories.Keys.Order());
    }

    [Fact]
    public void Every_obligation_quotes_its_own_plan_verbatim()
    {
        var seeds = Path.Combine(Repo.Root, "..", "shared", "seeds");
        Assert.True(Directory.Exists(seeds), $"the source plans are expected beside the repository, at {seeds}");
        var texts = SeedOf.Values.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(seeds, f)));

        var wrong = Shipped.Rules!.Obligations
            .Where(o => o.Source.File != SeedOf[o.JurisdictionId] || !texts[SeedOf[o.JurisdictionId]].Contains(o.Source.Quote, StringComparison.Ordinal))
            .Select(o => $"{o.Location}: {o.Id} quotes '{o.Source.Quote}' from {o.Source.File}")
            .ToList();

        Assert.Empty(wrong);
    }

    [Fact]
    public void Every_address_in_the_repository_is_an_example_org_address()
    {
        var real = Shipped.Rules!.Directories.Values.SelectMany(d => d.People)
            .Where(p => !p.Email.EndsWith(".example.org", StringComparison.OrdinalIgnoreCase)).Select(p => p.Email).ToList();

        Assert.Empty(real);
    }

    [Fact]
    public void Every_pack_has_its_yearly_cycle_phases_evaluation_commendation_and_targets()
    {
        foreach (var jurisdiction in SeedOf.Keys)
        {
            var kinds = Shipped.Rules!.Obligations.Where(o => o.JurisdictionId == jurisdiction).Select(o => o.Kind.ToString().ToLowerInvariant()).ToHashSet();
            Assert.True(new[] { "phase", "evaluation", "commendation", "target" }.All(kinds.Contains), $"{jurisdiction}: {string.Join(", ", kinds)}");
        }
    }

    [Fact]
    public void Catalog_json_follows_the_documented_contract()
    {
        var result = ScilitProcess.Run(Repo.Root, "catalog", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(Shipped.Rules!.Obligations.Length, entries.Count);
        foreach (var e in entries)
        {
            foreach (var field in new[] { "id", "jurisdiction", "kind", "title", "schedule", "responsible" })
                Assert.False(string.IsNullOrWhiteSpace(e.GetProperty(field).GetString()), $"{field} of {e}");
            Assert.True(e.GetProperty("assumed").ValueKind is JsonValueKind.True or JsonValueKind.False);
            var source = e.GetProperty("source");
            Assert.Equal(SeedOf[e.GetProperty("jurisdiction").GetString()!], source.GetProperty("file").GetString());
            Assert.False(string.IsNullOrWhiteSpace(source.GetProperty("clause").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(source.GetProperty("quote").GetString()));
        }
        var report = entries.Single(e => e.GetProperty("id").GetString() == "xunwu.yearly-report");
        Assert.Equal("每年12月20日（2022—2025年）", report.GetProperty("schedule").GetString());
        Assert.Equal("report", report.GetProperty("kind").GetString());
    }
}

public class ValidateAssumedTests
{
    [Fact]
    public void Validate_can_list_every_assumed_date_with_its_reason_and_position()
    {
        var result = ScilitProcess.Run(Repo.Root, "validate", "--show-assumed");

        Assert.Equal(0, result.ExitCode);
        var notes = result.Stdout.Split('\n').Where(l => l.Contains(": note: assumed date for ")).ToList();
        var summary = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        var count = System.Text.RegularExpressions.Regex.Match(summary, @"^ok: .* \((\d+) with assumed dates\)");
        Assert.True(count.Success, summary);
        Assert.Equal(count.Groups[1].Value, notes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(notes, n => Assert.Matches(@"^rules/[a-z-]+/[a-z-]+\.yaml:\d+:\d+: note: assumed date for [a-z0-9.-]+ \(.+\): \S", n));
    }
}

public class RulePackDocTests
{
    [Fact]
    public void The_rule_packs_page_counts_what_the_packs_hold()
    {
        var rules = SciLiteracy.Compliance.Rules.Loading.RuleLoader.Load(Repo.Path("rules")).Rules!;
        var rows = File.ReadAllLines(Repo.Path("docs", "rule-packs.md")).Where(l => l.StartsWith("| [", StringComparison.Ordinal)).ToList();

        Assert.Equal(rules.Directories.Count, rows.Count);
        foreach (var row in rows)
        {
            var cells = row.Split('|', StringSplitOptions.TrimEntries);
            var pack = cells[1][1..cells[1].IndexOf(']')];
            var kinds = new[] { "report", "plan", "meeting", "activity", "phase", "evaluation", "commendation", "target" };
            var mine = rules.Obligations.Where(o => o.JurisdictionId == pack).ToList();
            for (var k = 0; k < kinds.Length; k++)
                Assert.True(int.Parse(cells[4 + k], System.Globalization.CultureInfo.InvariantCulture) == mine.Count(o => o.Kind.ToString().Equals(kinds[k], StringComparison.OrdinalIgnoreCase)), $"{pack} {kinds[k]}");
            Assert.Equal(mine.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[12]);
            Assert.Equal(mine.Count(o => o.Assumed).ToString(System.Globalization.CultureInfo.InvariantCulture), cells[13]);
        }
    }
}
