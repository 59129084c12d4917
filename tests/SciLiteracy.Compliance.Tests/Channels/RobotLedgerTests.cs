using System.Text.RegularExpressions;
using NodaTime;
using SciLiteracy.Compliance.Channels.DingTalk;
using SciLiteracy.Compliance.Channels.Feishu;
using SciLiteracy.Compliance.Cli;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>
/// The platforms' errors as the ledger and the office see them, through the real pipeline: a bad signature is refused at
/// once, flagged to the office and its row carries the platform's code, and sent once the office has fixed the secret
/// and asked again (`scilit retry`); a limit error is waited out and the message sent.
/// </summary>
public sealed class RobotLedgerTests
{
    [Fact]
    public async Task A_bad_signature_is_flagged_with_the_platforms_code_in_the_row_and_sent_after_retry_and_a_limit_error_is_waited_out()
    {
        // Every person of the small rules is in the 钉钉 group "county" and the 飞书 group "county".
        using var h = new PipelineHarness(yaml => Regex.Replace(yaml, @"(email: [^ ]+@test\.example\.org) \}", "$1, channels: { dingtalk: county, feishu: county } }"));
        var first = h.Ladder("test.report", "alpha")[0].SendAt.ToInstant();
        h.StartServiceBefore(first);
        var time = new ManualTimeProvider(first.ToDateTimeOffset());
        using var dingtalk = new DingTalkServer { Robots = { ["dt-county"] = "SECding" } };
        using var feishu = new FeishuServer { Robots = { ["fs-county"] = "fs-secret" } };
        dingtalk.ExhaustQuota("dt-county", 1);   // the first request meets a robot others have used up: 130101, blocked 10 minutes
        var ding = new DingTalkChannel(RobotBench.Context(DingTalkChannel.Platform.Section, dingtalk, time,
            ("county", new() { ["AccessToken"] = "dt-county", ["Secret"] = "SECding" })));
        var fei = new FeishuChannel(RobotBench.Context(FeishuChannel.Platform.Section, feishu, time,
            ("county", new() { ["Hook"] = "fs-county", ["Secret"] = "a secret the bot no longer has" })));
        var options = new PipelineOptions();
        var cycle = CompliancePipeline.Create(new StaticRuleSource(h.Set), h.Store, [new EmailChannel(h.Pickup, options.From), ding, fei], h.Rules, options);

        await cycle.RunAsync(first, CancellationToken.None);

        var rows = h.Store.Ledger().Where(r => r.Kind == "remind").ToList();
        // 飞书: refused for good, flagged at once, the platform's code and message in the row.
        var feishuRows = rows.Where(r => r.Channel == FeishuChannel.ChannelName).ToList();
        Assert.NotEmpty(feishuRows);
        Assert.All(feishuRows, r =>
        {
            Assert.Equal(LedgerStatus.FailedFlagged, r.Status);
            Assert.Equal("refused by the server: feishu 19021: sign match fail or timestamp is not within one hour from current time", r.LastError);
        });
        Assert.NotEmpty(feishu.Posts);
        Assert.All(feishu.Posts, p => Assert.Equal(19021, p.Code));
        // The office hears of it by email, with the code.
        var notice = h.OutboxFiles().Select(EmlReader.Read).Where(m => m.Text.Contains("19021")).ToList();
        Assert.NotEmpty(notice);
        // 钉钉: the limit error rested the robot 10 minutes, then the digest went, once; its rows are sent.
        var dingRows = rows.Where(r => r.Channel == DingTalkChannel.ChannelName).ToList();
        Assert.NotEmpty(dingRows);
        Assert.All(dingRows, r => Assert.Equal(LedgerStatus.Sent, r.Status));
        Assert.Equal([130101, 0], dingtalk.Posts.Take(2).Select(p => p.Code));
        Assert.True(dingtalk.Posts[1].At - dingtalk.Posts[0].At >= TimeSpan.FromMinutes(10));
        Assert.All(dingtalk.Posts.Skip(1), p => Assert.True(p.Accepted));
        Assert.All(dingRows.Select(r => r.MessageId).Distinct(), id => Assert.Single(dingtalk.Posts, p => p.Accepted && p.MessageId == id));
        // Email went beside them, unaffected.
        Assert.All(rows.Where(r => r.Channel == "email"), r => Assert.Equal(LedgerStatus.Sent, r.Status));

        // Nothing is lost: the office puts the right secret in the configuration and asks for the flagged messages again.
        Assert.Equal(0, CommandLine.Invoke(["retry", "--state", h.Temp["state/compliance.db"], "--all"], TextWriter.Null, TextWriter.Null));
        var later = first + Duration.FromHours(1);
        time.MoveTo(later.ToDateTimeOffset());
        var fixedFeishu = new FeishuChannel(RobotBench.Context(FeishuChannel.Platform.Section, feishu, time,
            ("county", new() { ["Hook"] = "fs-county", ["Secret"] = "fs-secret" })));
        await CompliancePipeline.Create(new StaticRuleSource(h.Set), h.Store, [new EmailChannel(h.Pickup, options.From), ding, fixedFeishu], h.Rules, options)
            .RunAsync(later, CancellationToken.None);
        var retried = h.Store.Ledger().Where(r => r.Kind == "remind" && r.Channel == FeishuChannel.ChannelName).ToList();
        Assert.All(retried, r => Assert.Equal(LedgerStatus.Sent, r.Status));
        Assert.All(retried.Select(r => r.MessageId).Distinct(), id => Assert.Single(feishu.Posts, p => p.Accepted && p.MessageId == id));
    }
}
