using SciLiteracy.Compliance.Channels.DingTalk;
using SciLiteracy.Compliance.Channels.Feishu;
using SciLiteracy.Compliance.Channels.Robots;
using SciLiteracy.Compliance.Channels.WeCom;
using SciLiteracy.Compliance.Notifications.Channels;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>
/// Each robot channel against a local server that implements its platform's documented checks, on a virtual clock:
/// pacing, the platform's limit error, a bad signature, the timestamp window and splitting an oversized digest.
/// </summary>
public sealed class RobotChannelTests
{
    private static Dictionary<string, string> Keys(params (string, string)[] keys) => keys.ToDictionary(k => k.Item1, k => k.Item2);

    private sealed record Bench(INotificationChannel Channel, RobotServer Server, ManualTimeProvider Time) : IDisposable
    {
        public void Dispose() => Server.Dispose();
    }

    /// <summary>One robot named "group" on each platform, its secret as the server knows it unless <paramref name="secret"/> says otherwise.</summary>
    private static Bench For(string platform, string? secret = null, TimeSpan? serverAhead = null)
    {
        var time = new ManualTimeProvider(RobotBench.Start);
        const string real = "SECreal-secret";
        secret ??= real;
        Bench bench;
        switch (platform)
        {
            case WeComChannel.ChannelName:
                var wecom = new WeComServer { Robots = { ["key-1"] = null } };
                bench = new(new WeComChannel(RobotBench.Context(WeComChannel.Platform.Section, wecom, time, ("group", Keys(("Key", "key-1"))))), wecom, time);
                break;
            case DingTalkChannel.ChannelName:
                var ding = new DingTalkServer { Robots = { ["token-1"] = real } };
                bench = new(new DingTalkChannel(RobotBench.Context(DingTalkChannel.Platform.Section, ding, time, ("group", Keys(("AccessToken", "token-1"), ("Secret", secret))))), ding, time);
                break;
            default:
                var feishu = new FeishuServer { Robots = { ["hook-1"] = real } };
                bench = new(new FeishuChannel(RobotBench.Context(FeishuChannel.Platform.Section, feishu, time, ("group", Keys(("Hook", "hook-1"), ("Secret", secret))))), feishu, time);
                break;
        }
        if (serverAhead is { } ahead) bench.Server.Clock = () => time.GetUtcNow() + ahead;
        return bench;
    }

    [Theory]
    [InlineData(WeComChannel.ChannelName, 50)]
    [InlineData(DingTalkChannel.ChannelName, 50)]
    [InlineData(FeishuChannel.ChannelName, 230)]
    public async Task Many_messages_to_one_robot_all_arrive_once_and_never_above_its_limit_in_any_window(string platform, int count)
    {
        using var b = For(platform);
        for (var i = 1; i <= count; i++)
            Assert.Equal(DeliveryResult.Delivered, await b.Channel.SendAsync(RobotBench.Message(platform, "group", i, $"第{i}条"), CancellationToken.None));

        var posts = b.Server.Posts;
        Assert.All(posts, p => Assert.True(p.Accepted, $"{p.Code} at {p.At:O}"));
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"{i:x32}@test.example.org"), posts.Select(p => p.MessageId));
        var robot = posts[0].Robot;
        if (platform == FeishuChannel.ChannelName)
        {
            Assert.Equal(5, b.Server.MostIn(robot, TimeSpan.FromSeconds(1)));
            Assert.Equal(100, b.Server.MostIn(robot, TimeSpan.FromMinutes(1)));
        }
        else Assert.Equal(20, b.Server.MostIn(robot, TimeSpan.FromMinutes(1)));
        // The queue waited on the clock: 50 at 20 a minute take more than two minutes; 230 at 100 a minute too.
        Assert.True(b.Time.GetUtcNow() - RobotBench.Start >= TimeSpan.FromMinutes(2), $"only {b.Time.GetUtcNow() - RobotBench.Start} passed");
    }

    [Theory]
    [InlineData(WeComChannel.ChannelName, 45009, 1)]
    [InlineData(DingTalkChannel.ChannelName, 130101, 10)]
    [InlineData(FeishuChannel.ChannelName, 11232, 1)]
    public async Task The_platforms_limit_error_rests_the_robot_then_the_message_goes_once(string platform, int code, int restMinutes)
    {
        using var b = For(platform);
        b.Server.ExhaustQuota(b.Server.Robots.Keys.Single(), 1);   // others used the robot's quota: the first request is refused

        Assert.Equal(DeliveryResult.Delivered, await b.Channel.SendAsync(RobotBench.Message(platform, "group", 1, "正文"), CancellationToken.None));

        var posts = b.Server.Posts;
        Assert.Equal([code, 0], posts.Select(p => p.Code));
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromMinutes(restMinutes), $"retried after {posts[1].At - posts[0].At}");
    }

    [Fact]
    public async Task A_limit_error_that_does_not_end_hands_the_message_back_deferred_with_the_code_and_nothing_lost()
    {
        using var b = For(DingTalkChannel.ChannelName);
        b.Server.ExhaustQuota("token-1", 100);

        var result = await b.Channel.SendAsync(RobotBench.Message(DingTalkChannel.ChannelName, "group", 1, "正文"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Deferred, result.Status);   // the pipeline retries it with its own backoff
        Assert.StartsWith("dingtalk 130101: send too fast", result.Reply);
        Assert.Equal(4, b.Server.Posts.Count);                     // the first try and three after rests of 10, 20 and 40 minutes
        Assert.True(b.Server.Posts[^1].At - b.Server.Posts[0].At >= TimeSpan.FromMinutes(70));
    }

    [Theory]
    [InlineData(DingTalkChannel.ChannelName, "dingtalk 310000: sign not match")]
    [InlineData(FeishuChannel.ChannelName, "feishu 19021: sign match fail or timestamp is not within one hour from current time")]
    public async Task A_bad_signature_is_refused_with_the_platforms_code(string platform, string reply)
    {
        using var b = For(platform, secret: "SECwrong");

        var result = await b.Channel.SendAsync(RobotBench.Message(platform, "group", 1, "正文"), CancellationToken.None);

        Assert.Equal(DeliveryResult.Refused(reply), result);
        Assert.False(Assert.Single(b.Server.Posts).Accepted);
    }

    [Theory]
    [InlineData(DingTalkChannel.ChannelName, "dingtalk 310000: invalid timestamp")]
    [InlineData(FeishuChannel.ChannelName, "feishu 19021: sign match fail or timestamp is not within one hour from current time")]
    public async Task A_timestamp_more_than_an_hour_from_the_platforms_clock_is_refused(string platform, string reply)
    {
        using (var near = For(platform, serverAhead: TimeSpan.FromMinutes(59)))
            Assert.Equal(DeliveryResult.Delivered, await near.Channel.SendAsync(RobotBench.Message(platform, "group", 1, "正文"), CancellationToken.None));
        using var far = For(platform, serverAhead: TimeSpan.FromMinutes(61));
        Assert.Equal(DeliveryResult.Refused(reply), await far.Channel.SendAsync(RobotBench.Message(platform, "group", 1, "正文"), CancellationToken.None));
    }

    [Fact]
    public async Task A_robot_that_is_not_configured_is_refused_naming_the_setting()
    {
        using var b = For(WeComChannel.ChannelName);
        var result = await b.Channel.SendAsync(RobotBench.Message(WeComChannel.ChannelName, "nobody", 1, "正文"), CancellationToken.None);
        Assert.Equal(DeliveryResult.Refused("wecom: no robot named 'nobody' is configured (Channels:WeCom:Robots:nobody)"), result);
        Assert.Empty(b.Server.Posts);
    }

    [Theory]
    [InlineData(WeComChannel.ChannelName, 12, 2048)]
    [InlineData(DingTalkChannel.ChannelName, 80, 20000)]
    [InlineData(FeishuChannel.ChannelName, 80, 20000)]
    public async Task An_oversized_digest_arrives_split_at_item_boundaries_and_complete(string platform, int items, int limit)
    {
        using var b = For(platform);
        var digest = RobotBench.Digest(items);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(digest) > limit);

        Assert.Equal(DeliveryResult.Delivered, await b.Channel.SendAsync(RobotBench.Message(platform, "group", 7, digest), CancellationToken.None));

        var parts = b.Server.Posts;
        Assert.All(parts, p => Assert.True(p.Accepted, $"{p.Code}"));   // the server refuses anything over the platform's size
        Assert.True(parts.Count > 1);
        Assert.Equal(Enumerable.Range(1, parts.Count).Select(i => (i, parts.Count)), parts.Select(p => p.Part));
        Assert.All(parts, p => Assert.Equal($"{7:x32}@test.example.org", p.MessageId));
        // Complete: the parts' texts, joined at the paragraph breaks they were cut at, are the digest; no item is cut.
        Assert.Equal(digest, string.Join("\n\n", parts.Select(p => p.Text)));
        for (var i = 1; i <= items; i++)
            Assert.Single(parts, p => p.Text.Contains($"{i}. 【提醒】年度实施情况报告（第{i}项）") && p.Text.Contains($"（第{i}项）\n   责任单位"));
    }

    [Fact]
    public async Task A_wecom_robot_in_markdown_posts_parts_of_up_to_4096_bytes()
    {
        var time = new ManualTimeProvider(RobotBench.Start);
        using var server = new WeComServer { Robots = { ["key-md"] = null } };
        var channel = new WeComChannel(RobotBench.Context(WeComChannel.Platform.Section, server, time, ("office", Keys(("Key", "key-md"), ("Format", "markdown")))));
        var digest = RobotBench.Digest(20);

        Assert.Equal(DeliveryResult.Delivered, await channel.SendAsync(RobotBench.Message(WeComChannel.ChannelName, "office", 3, digest), CancellationToken.None));

        var parts = server.Posts;
        Assert.All(parts, p => Assert.True(p.Accepted, $"{p.Code}"));
        Assert.Contains(parts, p => System.Text.Encoding.UTF8.GetByteCount(p.Content) > 2048);   // markdown's size, not text's
        Assert.Equal(digest, string.Join("\n\n", parts.Select(p => p.Text)));
    }

    [Fact]
    public void A_line_longer_than_a_part_is_cut_between_characters_and_nothing_is_lost()
    {
        var line = string.Concat(Enumerable.Repeat("县科协", 500));
        var text = "开头\n\n" + line + "\n结尾";
        var parts = DigestSplitter.Split(text, p => System.Text.Encoding.UTF8.GetByteCount(p) <= 600);
        Assert.All(parts, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(p) <= 600));
        Assert.Equal(text.Replace("\n", ""), string.Concat(parts).Replace("\n", ""));
    }
}
