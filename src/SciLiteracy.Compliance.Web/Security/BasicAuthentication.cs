using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SciLiteracy.Compliance.Web.Security;

/// <summary>
/// The JSON API's sign-in for scripts: HTTP Basic with an office account, checked per request. No cookie, so a page
/// on another site can never make the browser call the API on the office's behalf.
/// </summary>
public sealed class BasicAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, OfficeLogin login)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) || header.Scheme != SchemeName || header.Parameter is null)
            return Task.FromResult(AuthenticateResult.NoResult());
        string decoded;
        try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)); }
        catch (FormatException) { return Task.FromResult(AuthenticateResult.Fail("malformed credentials")); }
        var colon = decoded.IndexOf(':');
        if (colon < 0) return Task.FromResult(AuthenticateResult.Fail("malformed credentials"));
        return Task.FromResult(login.Check(decoded[..colon], decoded[(colon + 1)..], SchemeName) is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
            : AuthenticateResult.Fail("wrong user or password"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Basic realm=\"scilit\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}
