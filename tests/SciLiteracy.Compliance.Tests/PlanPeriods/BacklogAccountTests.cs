using System.Text.RegularExpressions;

namespace SciLiteracy.Compliance.Tests.PlanPeriods;

/// <summary>
/// One account of the backlog (issue 19): `status` and the weekly summary count the same overdue items, and stale items of
/// the ended plan are archived out of both, counted apart; `--all` lists them. Run as processes, as the office would.
/// </summary>
public class BacklogAccountTests
{
    [Fact]
    public void Status_and_the_weekly_summary_count_the_same_overdue_items_and_archive_the_ended_plans_stale_ones()
    {
        using var temp = new TempDir();
        PlanRules.Write(temp);

        var status = ScilitProcess.Run(temp.Path, "status", "--rules", "rules", "--state", "s.db", "--as-of", "2026-06-01");
        var all = ScilitProcess.Run(temp.Path, "status", "--rules", "rules", "--state", "s.db", "--as-of", "2026-06-01", "--all");
        var simulate = ScilitProcess.Run(temp.Path, "simulate", "--rules", "rules", "--from", "2026-06-01", "--to", "2026-06-01", "--outbox", "out");

        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.True(simulate.ExitCode == 0, simulate.Stderr);
        var counts = Regex.Match(status.Stdout, @"(\d+) overdue, \d+ submitted; (\d+) archived");
        Assert.True(counts.Success, status.Stdout);
        var (overdue, archived) = (counts.Groups[1].Value, counts.Groups[2].Value);
        Assert.Equal("2", archived);
        // The ended plan's items (the 2025 evaluation and target) are not on the open list; --all shows them as archived.
        Assert.DoesNotContain("county.final-evaluation", status.Stdout);
        Assert.Contains(all.Stdout.Split('\n'), l => l.Contains("archived") && l.Contains("county.final-evaluation"));

        var summary = Directory.GetFiles(temp["out"], "*.eml").Select(EmlReader.Read).Single(e => e.Text.Contains("工作进展："));
        Assert.Contains($"已逾期 {overdue} 项。", summary.Text);
        Assert.Contains($"另有已归档 {archived} 项", summary.Text);
        Assert.Contains("《示例县全民科学素质行动实施方案（2021—2025年）》已于2025年12月31日（星期三）结束，尚未录入后续规划", summary.Text);
        Assert.Contains("仍在执行的长期工作 5 项：", summary.Text);
        Assert.Contains("组织全国科普月活动", summary.Text);
        Assert.DoesNotContain("实施方案总结评估", summary.Text);
    }

    [Fact]
    public void A_shorter_archive_age_archives_sooner()
    {
        using var temp = new TempDir();
        PlanRules.Write(temp);

        var status = ScilitProcess.Run(temp.Path, "status", "--rules", "rules", "--state", "s.db", "--as-of", "2026-02-01", "--archive-after", "30");
        var defaults = ScilitProcess.Run(temp.Path, "status", "--rules", "rules", "--state", "s.db", "--as-of", "2026-02-01");

        // Due 2025-01-15 (two units) and 2025-03-15 are over 90 days overdue; the 2025-12-20 evaluation and 2025-12-31 target only over 30.
        Assert.Contains("5 archived (overdue more than 30 days", status.Stdout);
        Assert.Contains("3 archived (overdue more than 90 days", defaults.Stdout);
    }
}
