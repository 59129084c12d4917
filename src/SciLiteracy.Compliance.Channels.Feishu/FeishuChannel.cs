using System.Text.Json;
using Microsoft.Extensions.Configuration;
using NodaTime;
using SciLiteracy.Compliance.Channels.Robots;

namespace SciLiteracy.Compliance.Channels.Feishu;

/// <summary>
/// 飞书 custom bots (自定义机器人): POST {BaseUrl}/open-apis/bot/v2/hook/{Hook} with <c>timestamp</c> (seconds) and
/// <c>sign</c> in the JSON body, sign = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = empty)); code 19021
/// for a bad signature or a timestamp more than an hour off; the body at most 20 KB; 100 a minute and 5 a second per bot,
/// code 11232 when limited. Channels:Feishu:Robots:&lt;name&gt;:Hook (the id after /hook/) and Secret (签名校验; optional).
/// </summary>
public sealed class FeishuChannel(RobotChannelContext context) : RobotChannel(context, Platform)
{
    public const string ChannelName = "feishu";

    /// <summary>20 KB, counted as 20,000 bytes to stay clear of either reading of "K".</summary>
    public const int BodyBytes = 20000;

    public static readonly RobotPlatform Platform = new(ChannelName, "Feishu", ["Hook"],
        [new(100, Duration.FromMinutes(1)), new(5, Duration.FromSeconds(1))], LimitedCode: 11232, LimitedBackoff: Duration.FromMinutes(1));

    private readonly string baseUrl = context.BaseUrl("https://open.feishu.cn");

    // The longest signature fields a body can carry, so that the size check holds at any moment.
    private static byte[] Body(IConfigurationSection robot, string content, Instant? now)
    {
        var text = new { text = content };
        if (robot["Secret"] is not { Length: > 0 } secret) return RobotJson.Body(new { msg_type = "text", content = text });
        var timestamp = now is { } t ? t.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : "99999999999";
        var sign = now is null ? new string('=', 44) : RobotSignature.HmacSha256Base64($"{timestamp}\n{secret}", "");
        return RobotJson.Body(new { timestamp, sign, msg_type = "text", content = text });
    }

    protected override bool Fits(IConfigurationSection robot, string content) => Body(robot, content, null).Length <= BodyBytes;

    protected override HttpRequestMessage Request(IConfigurationSection robot, string content, Instant now)
    {
        return RobotJson.Post($"{baseUrl}/open-apis/bot/v2/hook/{Uri.EscapeDataString(robot["Hook"]!)}", Body(robot, content, now));
    }

    /// <summary>飞书 answers code and msg (older replies StatusCode and StatusMessage).</summary>
    protected override (int Code, string Message)? Answer(JsonElement reply) =>
        reply.TryGetProperty("code", out var code) && code.TryGetInt32(out var value)
            ? (value, reply.TryGetProperty("msg", out var message) ? message.ToString() : "")
            : reply.TryGetProperty("StatusCode", out var status) && status.TryGetInt32(out var old)
                ? (old, reply.TryGetProperty("StatusMessage", out var m) ? m.ToString() : "")
                : null;
}
