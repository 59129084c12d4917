using System.Net;
using System.Text;
using System.Text.Json;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>
/// 企业微信's group robot as documented: POST /cgi-bin/webhook/send?key=KEY; an unknown key is errcode 93000; text content
/// at most 2,048 bytes and markdown 4,096 (40058 over that); 20 messages a minute per robot (45009 over that).
/// </summary>
public sealed class WeComServer() : RobotServer([(20, TimeSpan.FromMinutes(1))], (45009, "api freq out of limit"), (93000, "invalid webhook url"))
{
    protected override (string? Robot, string Content) Identify(HttpListenerRequest request, byte[] body)
    {
        if (request.Url!.AbsolutePath != "/cgi-bin/webhook/send") return (null, "");
        using var json = JsonDocument.Parse(body);
        var type = json.RootElement.GetProperty("msgtype").GetString()!;
        return (request.QueryString["key"], json.RootElement.GetProperty(type).GetProperty("content").GetString()!);
    }

    protected override (int Code, string Message) Check(HttpListenerRequest request, byte[] body, string? secret, DateTimeOffset now)
    {
        using var json = JsonDocument.Parse(body);
        var type = json.RootElement.GetProperty("msgtype").GetString()!;
        var bytes = Encoding.UTF8.GetByteCount(json.RootElement.GetProperty(type).GetProperty("content").GetString()!);
        var max = type == "markdown" ? 4096 : 2048;
        return bytes > max ? (40058, $"{type}.content exceed max length {max}") : (0, "ok");
    }
}
