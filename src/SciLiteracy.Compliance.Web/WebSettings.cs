using Microsoft.Extensions.Configuration;

namespace SciLiteracy.Compliance.Web;

/// <summary>The Web section of configuration (docs/web.md lists every key).</summary>
public sealed record WebSettings(bool Enabled, Uri Listen, Uri BaseUrl, string? TokenKey, int ValidDaysAfterDue, IReadOnlyList<OfficeAccount> Accounts,
    int LoginAttemptsPerMinute = 5, int TokenRequestsPerMinute = 60, int ApiRequestsPerMinute = 600)
{
    public static readonly Uri DefaultListen = new("http://127.0.0.1:5080");

    public static WebSettings From(IConfiguration configuration)
    {
        var web = configuration.GetSection("Web");
        var listen = ReadUri(web, "Listen") ?? DefaultListen;
        var accounts = web.GetSection("Accounts").GetChildren()
            .Select(a => new OfficeAccount(a["User"] ?? a.Key, a["PasswordHash"] ?? "", a["Name"], a.GetSection("Jurisdictions").GetChildren().Select(j => j.Value!).Where(j => j is not null).ToList()))
            .Where(a => a.User.Length > 0)
            .ToList();
        return new WebSettings(
            Enabled: !string.Equals(web["Enabled"], "false", StringComparison.OrdinalIgnoreCase),
            Listen: listen,
            BaseUrl: ReadUri(web, "BaseUrl") ?? listen,
            TokenKey: web["TokenKey"],
            ValidDaysAfterDue: Positive(web, "TokenValidDaysAfterDue", 60),
            Accounts: accounts,
            LoginAttemptsPerMinute: Positive(web, "LoginAttemptsPerMinute", 5),
            TokenRequestsPerMinute: Positive(web, "TokenRequestsPerMinute", 60),
            ApiRequestsPerMinute: Positive(web, "ApiRequestsPerMinute", 600));
    }

    private static int Positive(IConfigurationSection section, string key, int fallback) =>
        section[key] is not { Length: > 0 } text ? fallback
        : int.TryParse(text, out var n) && n > 0 ? n
        : throw new InvalidOperationException($"{section.Path}:{key}: '{text}' is not a positive whole number");

    private static Uri? ReadUri(IConfigurationSection section, string key)
    {
        if (section[key] is not { Length: > 0 } text) return null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        throw new InvalidOperationException($"{section.Path}:{key}: '{text}' is not an http(s) address, e.g. http://127.0.0.1:5080");
    }
}
