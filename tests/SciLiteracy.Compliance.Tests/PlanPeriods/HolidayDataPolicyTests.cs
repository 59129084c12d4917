namespace SciLiteracy.Compliance.Tests.PlanPeriods;

/// <summary>
/// A year without holiday data is never silently "weekends only" (docs/calendars.md): each such due date is marked
/// 待国务院安排确认 in the emails and the weekly summary warns; adding the year's file moves the dates and drops the marks.
/// </summary>
public class HolidayDataPolicyTests
{
    private static List<ParsedEmail> Simulate(TempDir temp, string outbox)
    {
        var result = ScilitProcess.Run(temp.Path, "simulate", "--rules", "rules", "--from", "2027-01-25", "--to", "2027-02-01", "--outbox", outbox);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return Directory.GetFiles(temp[outbox], "*.eml").Order(StringComparer.Ordinal).Select(EmlReader.Read).ToList();
    }

    [Fact]
    public void Without_2027_data_the_2027_due_date_is_marked_in_the_email_and_the_summary_warns()
    {
        using var temp = new TempDir();
        PlanRules.Write(temp);

        var emails = Simulate(temp, "out");

        var reminder = Assert.Single(emails, e => e.Text.Contains("春节前安全与科普设施检查") && !e.Text.Contains("工作进展："));
        Assert.Contains("截止日期：2027年2月10日（星期三，待国务院安排确认）", reminder.Text);
        var summary = emails.First(e => e.Text.Contains("工作进展："));
        Assert.Contains("2027年节假日安排尚未录入", summary.Text);
        Assert.Contains("待国务院安排确认", summary.Text);
    }

    [Fact]
    public void With_the_2027_file_the_due_date_moves_as_the_notice_says_and_the_marks_go()
    {
        using var temp = new TempDir();
        PlanRules.Add2027Calendar(PlanRules.Write(temp));

        var emails = Simulate(temp, "out");

        // 2027-02-10 is a day off in the fixture; the duty moves to the next working day, the adjusted Sunday 02-14.
        var reminder = Assert.Single(emails, e => e.Text.Contains("春节前安全与科普设施检查") && !e.Text.Contains("工作进展："));
        Assert.Contains("截止日期：2027年2月14日（星期日）", reminder.Text);
        Assert.All(emails, e => Assert.DoesNotContain("待国务院安排确认", e.Text));
        Assert.All(emails, e => Assert.DoesNotContain("2027年节假日安排尚未录入", e.Text));
    }
}
