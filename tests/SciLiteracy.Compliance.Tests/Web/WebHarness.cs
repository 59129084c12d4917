using SciLiteracy.Compliance.Web.Pages;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Web;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Security;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>
/// The real web application on a free loopback port, over the real pipeline's SQLite state and rules (PipelineHarness),
/// with an office account and a clock the test sets.
/// </summary>
public sealed class WebHarness : IAsyncDisposable
{
    public const string OfficeUser = "gangyaoban";
    public const string OfficePassword = "纲要办-correct-horse-2025";
    private static readonly string OfficeHash = OfficeLogin.Hash(OfficePassword);

    private WebHarness(PipelineHarness pipeline, WebApplication app, Uri address, WebSettings settings, byte[] key, SettableClock clock, IOccurrenceActions actions)
    {
        Key = key;
        Pipeline = pipeline;
        App = app;
        Address = address;
        Settings = settings;
        Signer = new ActionTokenSigner(key);
        Clock = clock;
        Actions = actions;
        Links = new ActionLinks(Signer, settings);
    }

    public PipelineHarness Pipeline { get; }
    public WebApplication App { get; }
    public Uri Address { get; }
    public WebSettings Settings { get; }
    /// <summary>The signing key, for tests that sign what this code never would.</summary>
    public byte[] Key { get; }
    public ActionTokenSigner Signer { get; }
    public ActionLinks Links { get; }
    public SettableClock Clock { get; }
    public IOccurrenceActions Actions { get; }

    /// <summary>A pipeline option set whose emails carry this server's links.</summary>
    public PipelineOptions PipelineOptions => new() { Links = Links };

    public static async Task<WebHarness> StartAsync(Instant now, IReadOnlyDictionary<string, string?>? settings = null,
        Func<PipelineHarness, IOccurrenceActions>? actions = null, PipelineHarness? pipeline = null, IEnumerable<IWebEndpoints>? endpoints = null)
    {
        pipeline ??= new PipelineHarness();
        var values = new Dictionary<string, string?>
        {
            ["Web:Listen"] = "http://127.0.0.1:0",
            ["Web:Accounts:0:User"] = OfficeUser,
            ["Web:Accounts:0:PasswordHash"] = OfficeHash,
            ["Web:Accounts:0:Name"] = "纲要办",
            ["Web:TokenRequestsPerMinute"] = "100000",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var web = WebSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        var key = TokenKeyFile.Load(null, pipeline.Temp["state/compliance.db"]);
        var clock = new SettableClock(now);
        var seam = actions?.Invoke(pipeline) ?? new UseCaseOccurrenceActions(new StaticRuleSource(pipeline.Set), pipeline.Store);
        // The endpoints the worker's container adds beside the pages (WebRegistration), on the same state, and the test's own.
        IWebEndpoints[] extra = [new EscalationSlipPages(new StaticRuleSource(pipeline.Set), pipeline.Store), .. endpoints ?? []];
        var app = WebApp.Build(web, web.Listen, seam, new StaticRuleSource(pipeline.Set), clock, new ActionTokenSigner(key), extra: extra);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new WebHarness(pipeline, app, address, web with { BaseUrl = address }, key, clock, seam);
    }

    public string Link(string obligation, string unit, string recipient, ActionPurpose purpose, Instant? expires = null) =>
        Links.Link(Pipeline.Occurrence(obligation, unit), recipient, purpose, expires);

    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = Address,
    };

    /// <summary>The antiforgery field of a page's form (its cookie is in the client's container).</summary>
    public static string Antiforgery(string html) =>
        Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"") is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery field on the page:\n" + html);

    /// <summary>GETs a page, then posts its form with the antiforgery field and <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> PostForm(HttpClient client, string getPath, string postPath, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(getPath);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = Antiforgery(page) };
        return await client.PostAsync(postPath, new FormUrlEncodedContent(form));
    }

    /// <summary>A client signed in as the office.</summary>
    public async Task<HttpClient> OfficeClient()
    {
        var client = Client();
        var response = await PostForm(client, "/login", "/login", new Dictionary<string, string> { ["user"] = OfficeUser, ["password"] = OfficePassword, ["returnUrl"] = "/board" });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"login failed: {(int)response.StatusCode}");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Pipeline.Dispose();
    }
}
