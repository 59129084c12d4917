using Microsoft.Extensions.Configuration;
using NodaTime;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>
/// What a robot channel is built from: its configuration section (Channels:&lt;Platform&gt;, with Robots:&lt;name&gt;:… and
/// an optional BaseUrl and Timeout), the service's clock, how its queues wait, and (in tests) the HTTP handler.
/// </summary>
public sealed record RobotChannelContext(IConfigurationSection Platform, IClock Clock, IRobotWait Wait, HttpMessageHandler? Handler = null)
{
    /// <summary>Channels:&lt;Platform&gt;:BaseUrl, else the platform's own address; without a trailing slash.</summary>
    public string BaseUrl(string platformDefault) => (Platform["BaseUrl"] is { Length: > 0 } url ? url : platformDefault).TrimEnd('/');

    /// <summary>Every robot under Robots:, by name (case does not matter, as in configuration keys).</summary>
    public IReadOnlyDictionary<string, IConfigurationSection> Robots() =>
        Platform.GetSection("Robots").GetChildren().ToDictionary(r => r.Key, StringComparer.OrdinalIgnoreCase);

    public TimeSpan Timeout => TimeSpan.TryParse(Platform["Timeout"], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : TimeSpan.FromSeconds(30);
}
