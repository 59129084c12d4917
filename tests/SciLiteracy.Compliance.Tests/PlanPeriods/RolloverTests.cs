using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Expressions;

namespace SciLiteracy.Compliance.Tests.PlanPeriods;

/// <summary>`scilit rollover` writes a draft successor pack that validates and plans the new period (run as a process).</summary>
public class RolloverTests
{
    [Fact]
    public void The_draft_carries_the_plan_bound_duties_over_assumed_and_validates_with_no_error()
    {
        using var temp = new TempDir();
        var rules = PlanRules.Write(temp);

        var result = ScilitProcess.Run(temp.Path, "rollover", "--rules", "rules", "--jurisdiction", "county", "--plan", "county-2021-2025", "--from", "2026-01-01", "--to", "2030-12-31");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("4 obligation(s) of county-2021-2025 carried over with assumed: true", result.Stdout);
        var validate = ScilitProcess.Run(temp.Path, "validate", "--rules", "rules", "--as-of", "2026-12-04");
        Assert.True(validate.ExitCode == 0, validate.Stderr);
        Assert.DoesNotContain(": error: ", validate.Stderr);
        Assert.DoesNotContain("no successor plan", validate.Stderr);

        var set = RuleSetCompilation.Load(rules).Rules!;
        var topic = set.ObligationsById["county.yearly-topic.county-2026-2030"];
        Assert.True(topic.Assumed);
        Assert.Contains("county.yearly-topic", topic.AssumedReason);
        Assert.Equal("county-2026-2030", topic.PlanId);
        var planned = new Planner(set).Occurrences(new LocalDate(2026, 1, 1), new LocalDate(2030, 12, 31))
            .Where(o => o.Obligation.PlanId == "county-2026-2030").Select(o => $"{o.Obligation.Id}/{o.Period}").Distinct().ToList();
        Assert.Equal(["2026", "2027", "2028", "2029", "2030"], planned.Where(p => p.StartsWith("county.yearly-topic.")).Select(p => p[^4..]));
        Assert.Contains("county.final-evaluation.county-2026-2030/2030-12-20", planned);
        Assert.Contains("county.literacy-target.county-2026-2030/2030-12-31", planned);
    }

    [Fact]
    public void A_duty_a_standing_duty_supersedes_is_not_carried_over_so_the_new_period_reminds_once()
    {
        using var temp = new TempDir();
        CopyDirectory(Path.Combine(Repo.Root, "rules"), temp["rules"]);

        var result = ScilitProcess.Run(temp.Path, "rollover", "--rules", "rules", "--jurisdiction", "linyi", "--plan", "linyi-2021-2025", "--from", "2026-01-01", "--to", "2030-12-31");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("not carried over: linyi.yearly-report (superseded by the standing duty linyi.standing.yearly-report)", result.Stdout);
        var set = RuleSetCompilation.Load(temp["rules"]).Rules!;
        Assert.DoesNotContain("linyi.yearly-report.linyi-2026-2030", set.ObligationsById.Keys);
        // One yearly report per member unit and year in the new period: the standing duty's, not a carried copy beside it.
        var reports = new Planner(set).Occurrences(new LocalDate(2027, 1, 1), new LocalDate(2027, 12, 31))
            .Where(o => o.Obligation.JurisdictionId == "linyi" && o.Obligation.Title.Contains("年度实施情况报告", StringComparison.Ordinal))
            .GroupBy(o => o.Unit.Id).ToList();
        Assert.NotEmpty(reports);
        Assert.All(reports, g => Assert.Single(g));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public void Rollover_refuses_an_unknown_plan_and_never_overwrites()
    {
        using var temp = new TempDir();
        PlanRules.Write(temp);

        var unknown = ScilitProcess.Run(temp.Path, "rollover", "--rules", "rules", "--jurisdiction", "county", "--plan", "county-2021-2052", "--from", "2026-01-01", "--to", "2030-12-31");
        var first = ScilitProcess.Run(temp.Path, "rollover", "--rules", "rules", "--jurisdiction", "county", "--plan", "county-2021-2025", "--from", "2026-01-01", "--to", "2030-12-31", "--out", "draft.yaml");
        File.WriteAllText(temp["keep.yaml"], "mine");
        var again = ScilitProcess.Run(temp.Path, "rollover", "--rules", "rules", "--jurisdiction", "county", "--plan", "county-2021-2025", "--from", "2026-01-01", "--to", "2030-12-31", "--out", "keep.yaml");

        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("error: jurisdiction 'county' has no plan 'county-2021-2052' (did you mean 'county-2021-2025'?)", unknown.Stderr);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, again.ExitCode);
        Assert.Equal("mine", File.ReadAllText(temp["keep.yaml"]));
    }
}
