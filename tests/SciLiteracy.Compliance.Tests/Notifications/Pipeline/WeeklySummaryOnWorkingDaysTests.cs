
namespace SciLiteracy.Compliance.Tests.Notifications.Pipeline;

/// <summary>The office's Monday summary follows the holiday calendar like every other message.</summary>
public class WeeklySummaryOnWorkingDaysTests
{
    [Fact]
    public void A_summary_monday_that_is_a_holiday_sends_the_summary_on_the_next_working_day()
    {
        using var temp = new TempDir();
        temp.CopyFromRepo("rules/xunwu", "rules/xunwu");
        temp.CopyFromRepo("rules/templates", "rules/templates");
        temp.CopyFromRepo("rules/calendars", "rules/calendars");

        // 2025-01-28..02-04 is the Spring Festival holiday: Monday 02-03 and Tuesday 02-04 are off.
        var result = ScilitProcess.Run(temp.Path, "simulate", "--from", "2025-02-01", "--to", "2025-02-07", "--outbox", "out");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var summaries = Directory.GetFiles(temp["out"], "*.eml").Select(EmlReader.Read)
            .Where(m => m.To.Contains("liaison.office@xunwu.example.org", StringComparison.Ordinal) && m.Subject.Contains("每周", StringComparison.Ordinal)).ToList();
        var summary = Assert.Single(summaries);
        Assert.StartsWith("Wed, 05 Feb 2025 09:00:00 +0800", summary.Date);
    }
}
