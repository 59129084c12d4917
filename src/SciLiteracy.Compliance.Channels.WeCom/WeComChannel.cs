using Microsoft.Extensions.Configuration;
using NodaTime;
using SciLiteracy.Compliance.Channels.Robots;

namespace SciLiteracy.Compliance.Channels.WeCom;

/// <summary>
/// 企业微信 group robots (群机器人): POST {BaseUrl}/cgi-bin/webhook/send?key=KEY with a <c>text</c> message (content at
/// most 2,048 bytes), or <c>markdown</c> (4,096 bytes) when the robot's Format is markdown; at most 20 messages a minute
/// per robot, over that errcode 45009. The key is the robot's secret: Channels:WeCom:Robots:&lt;name&gt;:Key.
/// </summary>
public sealed class WeComChannel(RobotChannelContext context) : RobotChannel(context, Platform)
{
    public const string ChannelName = "wecom";
    public const int TextBytes = 2048;
    public const int MarkdownBytes = 4096;

    public static readonly RobotPlatform Platform = new(ChannelName, "WeCom", ["Key"], [new(20, Duration.FromMinutes(1))],
        LimitedCode: 45009, LimitedBackoff: Duration.FromMinutes(1));

    private readonly string baseUrl = context.BaseUrl("https://qyapi.weixin.qq.com");

    private static bool Markdown(IConfigurationSection robot) => string.Equals(robot["Format"], "markdown", StringComparison.OrdinalIgnoreCase);

    protected override bool Fits(IConfigurationSection robot, string content) =>
        RobotJson.Utf8Length(content) <= (Markdown(robot) ? MarkdownBytes : TextBytes);

    protected override HttpRequestMessage Request(IConfigurationSection robot, string content, Instant now)
    {
        var type = Markdown(robot) ? "markdown" : "text";
        return RobotJson.Post($"{baseUrl}/cgi-bin/webhook/send?key={Uri.EscapeDataString(robot["Key"]!)}", RobotJson.Body(new Dictionary<string, object> { ["msgtype"] = type, [type] = new { content } }));
    }
}
