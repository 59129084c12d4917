using System.Net;
using System.Text.Json;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>
/// 飞书's custom bot as documented: POST /open-apis/bot/v2/hook/{hook}; a signed bot needs timestamp (seconds) and
/// sign = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = empty)) in the body, the timestamp within an hour,
/// else code 19021; the body at most 20 KB; 100 a minute and 5 a second per bot, over that code 11232.
/// </summary>
public sealed class FeishuServer() : RobotServer([(100, TimeSpan.FromMinutes(1)), (5, TimeSpan.FromSeconds(1))], (11232, "frequency limited"),
    (19001, "param invalid: incoming webhook access token invalid"))
{
    private const string HookPath = "/open-apis/bot/v2/hook/";

    protected override object Reply(int code, string message) => new { code, msg = message, data = new { } };

    protected override (string? Robot, string Content) Identify(HttpListenerRequest request, byte[] body)
    {
        if (!request.Url!.AbsolutePath.StartsWith(HookPath, StringComparison.Ordinal)) return (null, "");
        using var json = JsonDocument.Parse(body);
        return (request.Url.AbsolutePath[HookPath.Length..], json.RootElement.GetProperty("content").GetProperty("text").GetString()!);
    }

    protected override (int Code, string Message) Check(HttpListenerRequest request, byte[] body, string? secret, DateTimeOffset now)
    {
        if (secret is not null)
        {
            using var json = JsonDocument.Parse(body);
            var timestamp = json.RootElement.TryGetProperty("timestamp", out var t) ? t.GetString() : null;
            var sign = json.RootElement.TryGetProperty("sign", out var s) ? s.GetString() : null;
            if (!long.TryParse(timestamp, out var seconds) || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).TotalHours) > 1
                || sign != Hmac($"{timestamp}\n{secret}", ""))
                return (19021, "sign match fail or timestamp is not within one hour from current time");
        }
        return body.Length > 20 * 1024 ? (9499, "Bad Request: the request body exceeds 20 KB") : (0, "success");
    }
}
