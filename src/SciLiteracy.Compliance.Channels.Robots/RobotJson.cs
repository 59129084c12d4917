using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>Request bodies as the platforms read them: UTF-8 JSON with Chinese text as itself, not as \u escapes (a third of the size).</summary>
public static class RobotJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Body(object value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>A POST of <paramref name="body"/> as application/json in UTF-8.</summary>
    public static HttpRequestMessage Post(string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
    }

    public static int Utf8Length(string text) => Encoding.UTF8.GetByteCount(text);
}
