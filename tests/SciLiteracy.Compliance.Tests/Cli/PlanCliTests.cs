using System.Text.Json;

namespace SciLiteracy.Compliance.Tests.Cli;

/// <summary>`scilit plan --format json` over the shipped Xunwu rules, read as a script would read it.</summary>
public class PlanCliTests
{
    private static readonly string[] MemberUnits =
    [
        "xianweiban", "zhengfuban", "zuzhibu", "xuanchuanbu", "fagaiwei", "jiaoketi", "kechuang", "caizheng", "nongye", "linye",
        "guoye", "renshe", "gongxin", "gongan", "minzheng", "rongmeiti", "weijian", "shichang", "wenguang", "jiaotong",
        "shuili", "shengtai", "yingji", "qixiang", "zonggonghui", "tuanxianwei", "fulian", "kexie", "zirangziyuan", "gongshanglian",
    ];

    [Fact]
    public void Plan_lists_the_2024_and_2025_xunwu_yearly_reports_of_every_member_unit_with_reminders_and_escalations()
    {
        using var temp = new TempDir();
        var rules = temp.CopyFromRepo("rules/xunwu", "rules/xunwu");

        var result = ScilitProcess.Run(temp.Path, "plan", "--rules", Path.GetDirectoryName(rules)!, "--from", "2024-11-01", "--to", "2026-01-31", "--format", "json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var reports = json.RootElement.EnumerateArray().Where(o => o.GetProperty("obligation").GetString() == "xunwu.yearly-report").ToList();
        Assert.Equal(MemberUnits.Length * 2, reports.Count);
        foreach (var unit in MemberUnits)
        {
            var mine = reports.Where(r => r.GetProperty("unit").GetString() == unit).ToDictionary(r => r.GetProperty("period").GetString()!);
            // 2024-12-20 is a Friday; 2025-12-20 is a Saturday and the pack moves it to the previous working day.
            Assert.Equal("2024-12-20T23:59:59+08:00", mine["2024"].GetProperty("due").GetString());
            Assert.Equal("2025-12-19T23:59:59+08:00", mine["2025"].GetProperty("due").GetString());
            foreach (var occurrence in mine.Values)
            {
                var kinds = occurrence.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("kind").GetString()).ToList();
                Assert.Contains("remind", kinds);
                Assert.Contains("urge", kinds);
                Assert.Contains("escalate", kinds);
                foreach (var n in occurrence.GetProperty("notifications").EnumerateArray())
                {
                    Assert.Matches(@"^\d{4}-\d\d-\d\dT09:00:00\+08:00$", n.GetProperty("sendAt").GetString());
                    Assert.True(n.GetProperty("step").GetInt32() >= 1);
                    Assert.All(n.GetProperty("recipients").EnumerateArray(), r => Assert.EndsWith("@xunwu.example.org", r.GetString()));
                }
            }
            var firstReminder = mine["2025"].GetProperty("notifications")[0];
            Assert.Equal("remind", firstReminder.GetProperty("kind").GetString());
            Assert.Equal($"liaison.{unit}@xunwu.example.org", Assert.Single(firstReminder.GetProperty("recipients").EnumerateArray()).GetString());
        }
    }

    [Fact]
    public void Plan_lists_the_weekly_summaries_simulate_sends_and_marks_due_dates_in_a_year_without_holiday_data()
    {
        using var temp = new TempDir();
        string[] window = ["--rules", Repo.Path("rules"), "--from", "2027-04-05", "--to", "2027-04-25"];

        var plan = ScilitProcess.Run(temp.Path, ["plan", .. window, "--format", "json"]);
        var simulate = ScilitProcess.Run(temp.Path, ["simulate", .. window, "--outbox", temp["out"], "--format", "json"]);

        Assert.True(plan.ExitCode == 0, plan.Stderr);
        Assert.True(simulate.ExitCode == 0, simulate.Stderr);
        var plannedSummaries = JsonDocument.Parse(plan.Stdout).RootElement.EnumerateArray()
            .Where(o => o.GetProperty("obligation").GetString() == "weekly-summary")
            .SelectMany(o => o.GetProperty("notifications").EnumerateArray())
            .SelectMany(n => n.GetProperty("recipients").EnumerateArray().Select(r => $"{n.GetProperty("sendAt").GetString()} {r.GetString()}"))
            .Order(StringComparer.Ordinal).ToList();
        var sentSummaries = JsonDocument.Parse(simulate.Stdout).RootElement.GetProperty("cycles").EnumerateArray()
            .SelectMany(c => c.GetProperty("messages").EnumerateArray()
                .Where(m => m.GetProperty("subject").GetString()!.Contains("每周汇总", StringComparison.Ordinal))
                .Select(m => $"{c.GetProperty("at").GetString()} {m.GetProperty("to").GetString()}"))
            .Order(StringComparer.Ordinal).ToList();
        // Five jurisdictions, three Mondays: what the office will get each week is in the plan, as simulate sends it.
        Assert.Equal(15, sentSummaries.Count);
        Assert.Equal(sentSummaries, plannedSummaries);
    }

    [Fact]
    public void Plan_marks_due_dates_in_a_year_without_holiday_data()
    {
        using var temp = new TempDir();
        string[] window = ["--rules", Repo.Path("rules"), "--from", "2026-12-01", "--to", "2027-05-31"];

        var plan = ScilitProcess.Run(temp.Path, ["plan", .. window, "--format", "json"]);
        var table = ScilitProcess.Run(temp.Path, ["plan", .. window]);

        Assert.True(plan.ExitCode == 0, plan.Stderr);
        // Holiday data ends with 2026: 2027's due dates count by weekends only, and plan says so (docs/calendars.md).
        var occurrences = JsonDocument.Parse(plan.Stdout).RootElement.EnumerateArray().Where(o => o.GetProperty("obligation").GetString() != "weekly-summary").ToList();
        Assert.Contains(occurrences, o => o.GetProperty("due").GetString()!.StartsWith("2026-", StringComparison.Ordinal));
        Assert.Contains(occurrences, o => o.GetProperty("due").GetString()!.StartsWith("2027-", StringComparison.Ordinal));
        Assert.All(occurrences, o => Assert.Equal(o.GetProperty("due").GetString()!.StartsWith("2027-", StringComparison.Ordinal), o.GetProperty("unconfirmed").GetBoolean()));
        Assert.Contains("2027-04-30T23:59:59+08:00  linyi.standing.work-points", table.Stdout);
        Assert.All(table.Stdout.Split('\n').Where(l => l.Contains("work-points", StringComparison.Ordinal) && l.StartsWith("2027-", StringComparison.Ordinal)),
            l => Assert.Contains("[待国务院安排确认", l));
    }

    [Fact]
    public void Plan_refuses_a_window_that_ends_before_it_starts()
    {
        var result = ScilitProcess.Run(Repo.Root, "plan", "--from", "2025-02-01", "--to", "2025-01-01");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: --from 2025-02-01 is after --to 2025-01-01", result.Stderr);
    }
}
