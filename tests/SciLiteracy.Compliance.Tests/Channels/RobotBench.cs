using Microsoft.Extensions.Configuration;
using NodaTime;
using SciLiteracy.Compliance.Channels.Robots;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Worker;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>A robot channel against its local server, both on one virtual clock that the channel's waits move.</summary>
public static class RobotBench
{
    public static readonly DateTimeOffset Start = new(2025, 12, 5, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Channels:&lt;section&gt; naming the server as BaseUrl and the robots with their keys.</summary>
    public static RobotChannelContext Context(string section, RobotServer server, ManualTimeProvider time,
        params (string Name, Dictionary<string, string> Keys)[] robots)
    {
        var settings = new Dictionary<string, string?> { [$"Channels:{section}:BaseUrl"] = server.BaseUrl };
        foreach (var (name, keys) in robots)
            foreach (var (key, value) in keys)
                settings[$"Channels:{section}:Robots:{name}:{key}"] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        server.Clock = time.GetUtcNow;
        return new RobotChannelContext(configuration.GetSection($"Channels:{section}"), new TimeProviderClock(time), new AdvancingWait(time));
    }

    public static ChannelMessage Message(string channel, string robot, int number, string text, string subject = "【寻乌县全民科学素质工作提醒】您有工作待办") =>
        new($"{number:x32}@test.example.org", Instant.FromDateTimeOffset(Start).InUtc(), channel, robot, robot, subject, text, "");

    /// <summary>A digest of <paramref name="items"/> items in the text templates' shape: a greeting, one paragraph per item, a closing.</summary>
    public static string Digest(int items) =>
        "科协联络员：\n\n请在截止日期前完成以下工作，并按要求报送。\n\n" +
        string.Join("\n\n", Enumerable.Range(1, items).Select(i =>
            $"{i}. 【提醒】年度实施情况报告（第{i}项）\n   责任单位：县教育科技体育局\n   周期：2025年度\n   截止日期：2025年12月19日（星期五），还剩 14 天\n" +
            "   报送：完成后报送县科协\n   依据：三、工作方式与机制（六）——“各成员单位在每年12月20日前将各单位实施情况报县纲要办。”")) +
        "\n\n办结后不再发送相关提醒。如有疑问，请联系县科协。\n\n寻乌县纲要办\n2025年12月5日";
}
