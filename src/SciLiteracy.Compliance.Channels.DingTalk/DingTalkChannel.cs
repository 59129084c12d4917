using Microsoft.Extensions.Configuration;
using NodaTime;
using SciLiteracy.Compliance.Channels.Robots;

namespace SciLiteracy.Compliance.Channels.DingTalk;

/// <summary>
/// 钉钉 custom robots (自定义机器人): POST {BaseUrl}/robot/send?access_token=…&amp;timestamp=…&amp;sign=…, where
/// sign = urlencode(base64(HMAC-SHA256(secret, timestamp_ms + "\n" + secret))) and the timestamp is within an hour of the
/// platform's clock (errcode 310000 otherwise, as for a bad signature); a message at most 20,000 bytes (460101); 20 a
/// minute per robot, over that errcode 130101 and the robot is blocked for 10 minutes. Channels:DingTalk:Robots:&lt;name&gt;:
/// AccessToken and Secret (the SEC… string of 加签; without it the request is unsigned, for a keyword-secured robot).
/// </summary>
public sealed class DingTalkChannel(RobotChannelContext context) : RobotChannel(context, Platform)
{
    public const string ChannelName = "dingtalk";
    public const int BodyBytes = 20000;

    public static readonly RobotPlatform Platform = new(ChannelName, "DingTalk", ["AccessToken"], [new(20, Duration.FromMinutes(1))],
        LimitedCode: 130101, LimitedBackoff: Duration.FromMinutes(10));

    private readonly string baseUrl = context.BaseUrl("https://oapi.dingtalk.com");

    private static byte[] Body(string content) => RobotJson.Body(new { msgtype = "text", text = new { content } });

    protected override bool Fits(IConfigurationSection robot, string content) => Body(content).Length <= BodyBytes;

    protected override HttpRequestMessage Request(IConfigurationSection robot, string content, Instant now)
    {
        var url = $"{baseUrl}/robot/send?access_token={Uri.EscapeDataString(robot["AccessToken"]!)}";
        if (robot["Secret"] is { Length: > 0 } secret)
        {
            var timestamp = now.ToUnixTimeMilliseconds();
            url += $"&timestamp={timestamp}&sign={Uri.EscapeDataString(RobotSignature.HmacSha256Base64(secret, $"{timestamp}\n{secret}"))}";
        }
        return RobotJson.Post(url, Body(content));
    }
}
