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
    public void Plan_refuses_a_window_that_ends_before_it_starts()
    {
        var result = ScilitProcess.Run(Repo.Root, "plan", "--from", "2025-02-01", "--to", "2025-01-01");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: --from 2025-02-01 is after --to 2025-01-01", result.Stderr);
    }
}
