using System.Net;
using System.Text.Json;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>
/// 钉钉's custom robot as documented: POST /robot/send?access_token=…&amp;timestamp=…&amp;sign=…; a signed robot needs
/// sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)) and a timestamp (ms) within an hour of the server's clock,
/// else errcode 310000; a body over 20,000 bytes is 460101; over 20 a minute is 130101 and the robot is blocked 10 minutes.
/// </summary>
public sealed class DingTalkServer() : RobotServer([(20, TimeSpan.FromMinutes(1))], (130101, "send too fast, exceed 20 times per minute"),
    (300001, "token is not exist"), block: TimeSpan.FromMinutes(10))
{
    protected override (string? Robot, string Content) Identify(HttpListenerRequest request, byte[] body)
    {
        if (request.Url!.AbsolutePath != "/robot/send") return (null, "");
        using var json = JsonDocument.Parse(body);
        return (request.QueryString["access_token"], json.RootElement.GetProperty("text").GetProperty("content").GetString()!);
    }

    protected override (int Code, string Message) Check(HttpListenerRequest request, byte[] body, string? secret, DateTimeOffset now)
    {
        if (secret is not null)
        {
            // HttpListener has decoded the query once: the sign is the base64 text itself.
            if (!long.TryParse(request.QueryString["timestamp"], out var ms) || Math.Abs((now - DateTimeOffset.FromUnixTimeMilliseconds(ms)).TotalHours) > 1)
                return (310000, "invalid timestamp");
            if (request.QueryString["sign"] != Hmac(secret, $"{ms}\n{secret}")) return (310000, "sign not match");
        }
        return body.Length > 20000 ? (460101, "message too long, exceed 20000 bytes") : (0, "ok");
    }
}
