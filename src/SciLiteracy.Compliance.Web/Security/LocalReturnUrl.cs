namespace SciLiteracy.Compliance.Web.Security;

/// <summary>No open redirects: only a path on this site ("/board?…"), never "//host", "/\host" or an absolute address.</summary>
public static class LocalReturnUrl
{
    public const string Default = "/board";

    public static string Or(string? returnUrl) => IsLocal(returnUrl) ? returnUrl! : Default;

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\'))
        && !url.Contains('\\') && !url.Any(char.IsControl);
}
