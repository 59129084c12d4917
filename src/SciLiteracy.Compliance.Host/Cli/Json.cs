using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;

namespace SciLiteracy.Compliance.Cli;

/// <summary>JSON as the documented contracts print it: camelCase, indented, Chinese kept readable.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>ISO-8601 local date and time with its offset, e.g. 2025-12-19T23:59:59+08:00.</summary>
    public static string Iso(ZonedDateTime moment) => Application.Iso.Of(moment);
}
