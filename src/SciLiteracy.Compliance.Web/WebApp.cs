using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Api;
using SciLiteracy.Compliance.Web.Html;
using SciLiteracy.Compliance.Web.Pages;
using SciLiteracy.Compliance.Web.Security;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Web;

/// <summary>
/// Builds the web application on what the worker already holds (the rules in force, the clock, the use cases), so
/// the pages and the cycle see one state. <paramref name="listen"/> may end in :0 for a free port (tests).
/// </summary>
public static class WebApp
{
    public static WebApplication Build(WebSettings settings, Uri listen, IOccurrenceActions actions, IRuleSource rules, IClock clock,
        ActionTokenSigner signer, ILoggerFactory? loggerFactory = null, IEnumerable<IWebEndpoints>? extra = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(listen.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        if (loggerFactory is not null) builder.Services.AddSingleton(loggerFactory);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(actions);
        services.AddSingleton(rules);
        services.AddSingleton(clock);
        services.AddSingleton(signer);
        services.AddSingleton<TokenGate>();
        services.AddSingleton<OfficeLogin>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "scilit.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = "scilit.office";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.ReturnUrlParameter = "returnUrl";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthentication>(BasicAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(BoardPages.Policy, p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser())
            .AddPolicy(ApiEndpoints.Policy, p => p.AddAuthenticationSchemes(BasicAuthentication.SchemeName).RequireAuthenticatedUser());
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    H.T($"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>请稍后再试</title></head><body><h1>请稍后再试</h1><p>尝试过于频繁，请一分钟后再试。</p></body></html>""").ToString(), token);
            };
            o.AddPolicy(LoginPages.RateLimitPolicy, http => PerClient(http, settings.LoginAttemptsPerMinute));
            o.AddPolicy(ActionPages.RateLimitPolicy, http => PerClient(http, settings.TokenRequestsPerMinute));
            o.AddPolicy(ApiEndpoints.RateLimitPolicy, http => PerClient(http, settings.ApiRequestsPerMinute));
        });
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Only a reverse proxy on this machine (the default known proxies: loopback) may say who the client is.
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        });

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.Use((http, next) => SecurityHeaders.Apply(http, () => next()));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.MapGet("/", () => Results.Redirect("/board"));
        app.MapGet("/site.css", () => Results.Text(Layout.Stylesheet, "text/css; charset=utf-8"));
        ActionPages.Map(app);
        LoginPages.Map(app);
        BoardPages.Map(app);
        LedgerExport.Map(app);
        ApiEndpoints.Map(app);
        foreach (var endpoints in extra ?? []) endpoints.Map(app);
        return app;
    }

    private static RateLimitPartition<string> PerClient(HttpContext http, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "?", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
