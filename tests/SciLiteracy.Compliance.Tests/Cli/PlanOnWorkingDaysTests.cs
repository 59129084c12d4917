using System.Text.Json;
using Xunit;
using static SciLiteracy.Compliance.Tests.Support.CalendarTestRules;

namespace SciLiteracy.Compliance.Tests.Cli;

/// <summary>`scilit plan` (the real executable) over the 2025 National Day holiday sends nothing on a day off.</summary>
public sealed class PlanOnWorkingDaysTests
{
    // Obligations due inside the holiday, added to a copy of the Xunwu pack (which defaults to previous-workday).
    private const string HolidayObligations = """
        version: 1
        jurisdiction: xunwu
        obligations:
          - id: xunwu.test.before-holiday
            title: 国庆期间到期（按上一工作日）
            kind: report
            source: { file: test, clause: 测试, quote: 测试用义务 }
            responsible: { unit: kexie }
            schedule:
              once: 2025-10-03
          - id: xunwu.test.after-holiday
            title: 国庆期间到期（按下一工作日）
            kind: report
            source: { file: test, clause: 测试, quote: 测试用义务 }
            responsible: { unit: kexie }
            schedule:
              once: 2025-10-03
              adjust: next-workday
          - id: xunwu.test.weekly
            title: 每周动态
            kind: report
            source: { file: test, clause: 测试, quote: 测试用义务 }
            responsible: { unit: kexie }
            schedule:
              weekly: wednesday
              from: 2025-09-01
              until: 2025-10-31
            ladder: weekly
        """;

    [Fact]
    public void Plan_September_October_2025_SendsOnlyOnWorkingDays_AndMovesDueDatesPerPolicy()
    {
        using var rules = new CalendarTestRules();
        rules.Write("xunwu/holiday-test.yaml", HolidayObligations);
        var calendar = rules.LoadValid().Calendars["cn-mainland"];

        var (exitCode, stdout, stderr) = ScilitProcess.Run(rules.Directory, "plan", "--rules", rules.Directory, "--from", "2025-09-01", "--to", "2025-10-31", "--format", "json");

        Assert.True(exitCode == 0, stderr);
        using var plan = JsonDocument.Parse(stdout);
        var occurrences = plan.RootElement.EnumerateArray().ToList();
        var sends = occurrences
            .SelectMany(o => o.GetProperty("notifications").EnumerateArray().Select(n => (
                Obligation: o.GetProperty("obligation").GetString()!,
                Kind: n.GetProperty("kind").GetString()!,
                Step: n.GetProperty("step").GetInt32(),
                SendAt: n.GetProperty("sendAt").GetString()!)))
            .ToList();
        Assert.True(sends.Count > 20, $"expected the holiday obligations to cause notifications, got {sends.Count}");
        foreach (var send in sends)
            Assert.True(calendar.IsWorkingDay(Date(send.SendAt[..10])), $"{send} is sent on a day off");

        string DueOf(string obligation) => occurrences.First(o => o.GetProperty("obligation").GetString() == obligation).GetProperty("due").GetString()!;
        Assert.Equal("2025-09-30T23:59:59+08:00", DueOf("xunwu.test.before-holiday"));
        Assert.Equal("2025-10-09T23:59:59+08:00", DueOf("xunwu.test.after-holiday"));
        // Escalation step 2 (step 1 is the urging on the due date), 3 working days after 30 September: 9, 10 and 11 October (a working Saturday).
        Assert.Contains(("xunwu.test.before-holiday", "escalate", 2, "2025-10-11T09:00:00+08:00"), sends);
        // 7 days before 9 October is 2 October, a day off: the reminder goes out on the next working day.
        Assert.Contains(("xunwu.test.after-holiday", "remind", 2, "2025-10-09T09:00:00+08:00"), sends);
        // The weekly report due Wednesday 1 October moves to Tuesday 30 September; its reminder 1 working day earlier is Monday 29 September.
        Assert.Contains(("xunwu.test.weekly", "remind", 1, "2025-09-29T09:00:00+08:00"), sends);
    }
}
