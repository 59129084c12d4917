using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SciLiteracy.Compliance.Channels.DingTalk;
using SciLiteracy.Compliance.Channels.Feishu;
using SciLiteracy.Compliance.Channels.Robots;
using SciLiteracy.Compliance.Channels.WeCom;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>
/// A season of the xunwu pack through the worker as `run` composes it (Quartz, the ledger, the pipeline), on a virtual
/// clock, with every person on all four channels: email, and robots on the local 企业微信, 钉钉 and 飞书 servers. Each
/// unit has its own 企业微信 group, the whole county one 钉钉 group (every digest of the day in one, so it is split),
/// and liaisons and heads a 飞书 group each. The servers check signatures, timestamps, sizes and limits, and each
/// answers its platform's limit error once.
/// </summary>
public sealed partial class RobotSeasonTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_season_on_email_and_three_robots_delivers_exactly_the_planned_messages_once_each_within_every_limit()
    {
        using var temp = new TempDir();
        var rules = TestRules.CopyXunwu(temp);
        var people = Path.Combine(rules, "xunwu", "people.yaml");
        var units = new SortedSet<string>(StringComparer.Ordinal);
        File.WriteAllText(people, Person().Replace(File.ReadAllText(people), m =>
        {
            units.Add(m.Groups["unit"].Value);
            return $"{m.Value}\n    channels:\n      wecom: {m.Groups["unit"].Value}\n      dingtalk: xunwu\n      feishu: {m.Groups["role"].Value}";
        }));
        Assert.True(units.Count > 30, $"only {units.Count} units were given robots");

        using var wecom = new WeComServer();
        using var dingtalk = new DingTalkServer { Robots = { ["dt-xunwu"] = "SECding" } };
        using var feishu = new FeishuServer { Robots = { ["fs-liaison"] = "fs-secret", ["fs-head"] = "fs-secret" } };
        // Each platform answers its limit error once, as if others had used the robot's quota: waited out, nothing lost.
        var limitedAnswers = new Dictionary<RobotServer, int> { [wecom] = 45009, [dingtalk] = 130101, [feishu] = 11232 };
        wecom.ExhaustQuota("wk-office", 1);
        dingtalk.ExhaustQuota("dt-xunwu", 1);
        feishu.ExhaustQuota("fs-head", 1);
        var settings = DrivenWorker.Settings(temp, rules);
        settings["Channels:WeCom:BaseUrl"] = wecom.BaseUrl;
        settings["Channels:DingTalk:BaseUrl"] = dingtalk.BaseUrl;
        settings["Channels:DingTalk:Robots:xunwu:AccessToken"] = "dt-xunwu";
        settings["Channels:DingTalk:Robots:xunwu:Secret"] = "SECding";
        settings["Channels:Feishu:BaseUrl"] = feishu.BaseUrl;
        foreach (var unit in units)
        {
            settings[$"Channels:WeCom:Robots:{unit}:Key"] = $"wk-{unit}";
            wecom.Robots[$"wk-{unit}"] = null;
        }
        foreach (var role in new[] { "liaison", "head" })
        {
            settings[$"Channels:Feishu:Robots:{role}:Hook"] = $"fs-{role}";
            settings[$"Channels:Feishu:Robots:{role}:Secret"] = "fs-secret";
        }
        var start = new DateTimeOffset(2025, 12, 1, 8, 0, 0, Shanghai);
        var end = new DateTimeOffset(2025, 12, 23, 23, 0, 0, Shanghai);

        await using (var worker = await DrivenWorker.StartAsync(settings, start, s => s.AddSingleton<IRobotWait>(provider =>
                     {
                         // The servers and the robots' queues read the worker's clock; a queue's wait moves it on.
                         var time = (ManualTimeProvider)provider.GetRequiredService<TimeProvider>();
                         wecom.Clock = dingtalk.Clock = feishu.Clock = time.GetUtcNow;
                         return new AdvancingWait(time);
                     })))
            await worker.RunUntilAsync(end);

        var ledger = TestState.Open(temp["state/compliance.db"]).Ledger();
        Assert.DoesNotContain(ledger, r => r.Status is LedgerStatus.Pending or LedgerStatus.FailedFlagged);
        var sentBy = ledger.Where(r => r.Status == LedgerStatus.Sent).ToLookup(r => r.Channel);
        var notifications = sentBy["email"].Select(r => (r.Key, r.Kind, r.Step)).ToHashSet();
        Assert.True(notifications.Count > 50, $"only {notifications.Count} notifications in the season");
        // Email: one .eml per message the ledger says was sent.
        Assert.Equal(sentBy["email"].Select(r => r.MessageId).Distinct().Count(), Directory.GetFiles(temp["outbox"], "*.eml").Length);

        foreach (var (channel, server) in new (string, RobotServer)[] { (WeComChannel.ChannelName, wecom), (DingTalkChannel.ChannelName, dingtalk), (FeishuChannel.ChannelName, feishu) })
        {
            var rows = sentBy[channel].ToList();
            // Every person is on every channel: each robot carried every notification email carried.
            Assert.Equal(notifications, rows.Select(r => (r.Key, r.Kind, r.Step)).ToHashSet());
            var posts = server.Posts;
            Assert.Equal([limitedAnswers[server]], posts.Where(p => !p.Accepted).Select(p => p.Code));
            // Exactly the planned messages, each once: every part 1..n of every message the ledger sent, once, and nothing else.
            var accepted = posts.Where(p => p.Accepted).ToList();
            Assert.Equal(rows.Select(r => r.MessageId!).ToHashSet(), accepted.Select(p => p.MessageId!).ToHashSet());
            foreach (var message in accepted.GroupBy(p => p.MessageId))
                Assert.Equal(Enumerable.Range(1, message.First().Part.Parts), message.Select(p => p.Part.Part).Order());
            foreach (var robot in posts.Select(p => p.Robot).Distinct())
            {
                if (channel == FeishuChannel.ChannelName) Assert.True(server.MostIn(robot, TimeSpan.FromSeconds(1)) <= 5, $"{robot} got more than 5 in a second");
                var most = server.MostIn(robot, TimeSpan.FromMinutes(1));
                Assert.True(most <= (channel == FeishuChannel.ChannelName ? 100 : 20), $"{channel} robot {robot} got {most} in a minute");
            }
        }
        // Digests over a platform's size went split; the office's weekly summary in 企业微信 text parts is more than 20
        // messages, so its robot's queue waited for the next minute.
        Assert.Contains(dingtalk.Posts, p => p.Part.Parts > 1);
        Assert.Contains(feishu.Posts, p => p.Part.Parts > 1);
        Assert.Contains(wecom.Posts.Select(p => p.Robot).Distinct(), robot => wecom.MostIn(robot, TimeSpan.FromMinutes(1)) == 20);
    }

    [GeneratedRegex(@"^  - unit: (?<unit>\S+)\n    role: (?<role>\S+)\n    name: .*\n    email: \S+$", RegexOptions.Multiline)]
    private static partial Regex Person();
}
