using Microsoft.AspNetCore.Http;

namespace SciLiteracy.Compliance.Web.Security;

/// <summary>
/// Headers on every response: no script at all, forms only to this site, never framed, and no Referer, so that
/// a token in the address never leaks to a site linked from the page. Token pages are not cached.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static async Task Apply(HttpContext http, Func<Task> next)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (http.Request.Path.StartsWithSegments("/a") || http.Request.Path.StartsWithSegments("/board") || http.Request.Path.StartsWithSegments("/api"))
            headers.CacheControl = "no-store";
        await next();
    }
}
