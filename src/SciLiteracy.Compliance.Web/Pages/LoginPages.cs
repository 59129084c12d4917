using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SciLiteracy.Compliance.Web.Html;
using SciLiteracy.Compliance.Web.Security;

namespace SciLiteracy.Compliance.Web.Pages;

/// <summary>The office's login and logout. Rate limited per client address; the return address stays on this site.</summary>
public static class LoginPages
{
    public const string RateLimitPolicy = "login";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
            Form(antiforgery.GetAndStoreTokens(http), LocalReturnUrl.Or(returnUrl), null, StatusCodes.Status200OK));
        app.MapPost("/login", async (HttpContext http, IFormCollection form, OfficeLogin login, IAntiforgery antiforgery) =>
        {
            var returnUrl = LocalReturnUrl.Or(form["returnUrl"]);
            if (login.Check(form["user"], form["password"], CookieAuthenticationDefaults.AuthenticationScheme) is not { } principal)
                return Form(antiforgery.GetAndStoreTokens(http), returnUrl, "用户名或密码不正确。", StatusCodes.Status401Unauthorized);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.Redirect(returnUrl);
        }).RequireRateLimiting(RateLimitPolicy);
        app.MapPost("/logout", async (HttpContext http, IFormCollection _) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        });
    }

    private static IResult Form(AntiforgeryTokenSet anti, string returnUrl, string? error, int status) => Layout.Page("纲要办登录", H.T($"""
        <form method="post" action="/login" class="card">
        <h1>纲要办登录</h1>
        {(error is null ? HtmlText.Empty : H.T($"""<p class="refused" role="alert">{error}</p>"""))}
        <input type="hidden" name="{anti.FormFieldName}" value="{anti.RequestToken}">
        <input type="hidden" name="returnUrl" value="{returnUrl}">
        <label for="user">用户名</label><input id="user" type="text" name="user" autocomplete="username" required>
        <label for="password">密码</label><input id="password" type="password" name="password" autocomplete="current-password" required>
        <button type="submit">登录</button>
        </form>
        """), status);
}
