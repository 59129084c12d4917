
using SciLiteracy.Compliance.Notifications.Pipeline;

namespace SciLiteracy.Compliance.Tests.Notifications.Pipeline;

/// <summary>The office's weekly summary warns when the holiday calendar does not cover the next 60 days.</summary>
public class CoverageInWeeklySummaryTests
{
    [Fact]
    public void The_weekly_summary_names_the_days_the_calendar_does_not_cover()
    {
        using var temp = new TempDir();
        temp.CopyFromRepo("rules/xunwu", "rules/xunwu");
        temp.CopyFromRepo("rules/templates", "rules/templates");
        temp.CopyFromRepo("rules/calendars", "rules/calendars");

        // Monday 2026-11-23: the next 60 days run into 2027, for which the calendar has no data yet.
        var late = ScilitProcess.Run(temp.Path, "simulate", "--from", "2026-11-23", "--to", "2026-11-23", "--outbox", "late");
        // Monday 2025-06-02 is a holiday (端午); 2025-06-09 is a Monday whose next 60 days are all covered.
        var covered = ScilitProcess.Run(temp.Path, "simulate", "--from", "2025-06-09", "--to", "2025-06-09", "--outbox", "covered");

        Assert.True(late.ExitCode == 0, late.Stderr);
        Assert.True(covered.ExitCode == 0, covered.Stderr);
        var lateSummary = EmlReader.Read(Assert.Single(Directory.GetFiles(temp["late"], "*.eml"), IsOfficeSummary));
        Assert.Contains("工作日历 cn-mainland（xunwu）未覆盖 2027-01-01 至 2027-01-21", lateSummary.Text);
        Assert.Contains("data-calendar-gap", lateSummary.Html);
        var coveredSummary = EmlReader.Read(Assert.Single(Directory.GetFiles(temp["covered"], "*.eml"), IsOfficeSummary));
        Assert.DoesNotContain("未覆盖", coveredSummary.Text);
    }

    [Fact]
    public void The_weekly_summary_counts_names_at_most_thirty_overdue_items_and_links_the_board_for_the_whole_table()
    {
        using var temp = new TempDir();
        temp.CopyFromRepo("rules/xunwu", "rules/xunwu");
        temp.CopyFromRepo("rules/templates", "rules/templates");
        temp.CopyFromRepo("rules/calendars", "rules/calendars");

        // Monday 2026-01-05: nothing was submitted, so every member unit's 2025 duties are overdue.
        var run = ScilitProcess.Run(temp.Path, "simulate", "--from", "2026-01-05", "--to", "2026-01-05", "--outbox", "out");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var summary = EmlReader.Read(Assert.Single(Directory.GetFiles(temp["out"], "*.eml"), IsOfficeSummary));
        var listedAtMost = new PipelineOptions().SummaryListsOverdue;
        var overdue = int.Parse(System.Text.RegularExpressions.Regex.Match(summary.Text, @"已逾期 (\d+) 项").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(overdue > listedAtMost, $"only {overdue} overdue: the test needs more than a screenful");
        var listed = summary.Text.Split('\n').Count(l => l.StartsWith("[已逾期]", StringComparison.Ordinal));
        Assert.Equal(listedAtMost, listed);
        Assert.Contains($"另有 {overdue - listedAtMost} 项已逾期，未在此列出。", summary.Text);
        // Due-soon and done items are counted, not listed: the board has the whole table.
        Assert.DoesNotContain("[即将到期]", summary.Text);
        Assert.DoesNotContain("[已完成]", summary.Text);
        Assert.Contains("工作看板：http://127.0.0.1:5080/board?jurisdiction=xunwu", summary.Text);
        Assert.Matches(@"本周变化：新办结 0 项，新逾期 \d+ 项。", summary.Text);
        Assert.True(summary.Html.Length < 40_000, $"the summary's HTML is {summary.Html.Length} characters");
    }

    // The office's liaison may get a standing duty's reminder the same morning: the summary is the one with its subject.
    private static bool IsOfficeSummary(string eml)
    {
        var mail = EmlReader.Read(eml);
        return mail.To.Contains("liaison.office@", StringComparison.Ordinal) && mail.Subject.Contains("每周汇总", StringComparison.Ordinal);
    }
}
