using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SciLiteracy.Compliance.Cli;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Web;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Security;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Bench;

/// <summary>
/// `bench-web`: the real web server over the generated province-scale rule set, for a load tool (tools/bench-web.sh
/// drives it with Debian's wrk). Writes what the load tool needs — the board's address with a signed-in office cookie, a
/// signed 签收 link and a form post for it with its antiforgery cookie — to --out, then serves until stopped.
/// </summary>
public static class BenchWebVerb
{
    private const string User = "bench", Password = "bench-password-2025";

    public static Command Create(CliOutput output)
    {
        var work = new Option<string>("--work") { DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "scilit-bench-web") };
        var at = new Option<string>("--at") { Description = "The web clock's date (09:00 in Shanghai)", DefaultValueFactory = _ => "2025-12-22" };
        var templates = new Option<string>("--templates") { DefaultValueFactory = _ => ComplianceDefaults.TemplatesOf(ComplianceDefaults.RulesDirectory) };
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 0 };
        var outFile = new Option<string>("--out") { Description = "Where to write the addresses, cookies and form body (key=value lines)", Required = true };
        var command = new Command("bench-web", "Serve the web interface over the province-scale rule set for a load tool") { work, at, templates, port, outFile };
        command.SetAction(parse => Run(output, parse.GetValue(work)!, parse.GetValue(at)!, parse.GetValue(templates)!, parse.GetValue(port), parse.GetValue(outFile)!)
            .GetAwaiter().GetResult());
        return command;
    }

    private static async Task<int> Run(CliOutput output, string work, string at, string templates, int port, string outFile)
    {
        var rulesDirectory = Path.Combine(work, "rules");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        ProvinceRuleSet.Write(rulesDirectory, ProvinceRuleSet.Province);
        ProvinceRuleSet.CopyTemplates(templates, ComplianceDefaults.TemplatesOf(rulesDirectory));
        var loaded = Expressions.RuleSetCompilation.Load(rulesDirectory);
        if (loaded.Rules is not { } set)
        {
            foreach (var d in loaded.Errors.Take(20)) output.Err.WriteLine(d);
            return 1;
        }
        var store = StateProviders.For(ComplianceDefaults.StateProvider).Store.Open(Path.Combine(work, "state", "compliance.db"), throwAway: false);
        var now = NodaTime.Text.LocalDatePattern.Iso.Parse(at).GetValueOrThrow().At(new LocalTime(9, 0))
            .InZoneLeniently(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToInstant();
        var settings = WebSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Web:Listen"] = $"http://127.0.0.1:{port}",
            ["Web:Accounts:0:User"] = User,
            ["Web:Accounts:0:PasswordHash"] = OfficeLogin.Hash(Password),
            ["Web:Accounts:0:Name"] = "纲要办",
            // The load tool is one client address: the limits per address would refuse it.
            ["Web:TokenRequestsPerMinute"] = "100000000",
            ["Web:LoginAttemptsPerMinute"] = "100000000",
        }).Build());
        var signer = new ActionTokenSigner(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var rules = new StaticRuleSource(set);
        var app = WebApp.Build(settings, settings.Listen, new UseCaseOccurrenceActions(rules, store), rules, new FixedClock(now), signer);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var planner = new Planner(set);
        var occurrence = planner.Find(new OccurrenceKey("county-000.obligation-11", "unit-01", "2025"))
            ?? throw new InvalidOperationException("the generated set has no county-000.obligation-11/unit-01/2025");
        var ack = new ActionLinks(signer, settings with { BaseUrl = address }).Link(occurrence, "liaison.unit-01@county-000.example.org", ActionPurpose.Acknowledge);

        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        var login = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["user"] = User, ["password"] = Password, ["returnUrl"] = "/board", ["__RequestVerificationToken"] = Field(await client.GetStringAsync("/login")),
        }));
        if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"bench login failed: {(int)login.StatusCode}");
        var field = Field(await client.GetStringAsync(ack));
        var clock = Stopwatch.StartNew();
        var board = await client.GetStringAsync("/board");
        var firstBoard = clock.Elapsed.TotalMilliseconds;
        File.WriteAllLines(outFile,
        [
            $"board={new Uri(address, "/board")}",
            $"ack={ack}",
            $"cookie={cookies.GetCookieHeader(address)}",
            $"ackbody=__RequestVerificationToken={Uri.EscapeDataString(field)}",
        ]);
        output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench-web: {set.Directories.Count} jurisdictions, {planner.Occurrences(new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31)).Count()} occurrences in 2025; " +
            $"serving {address} (first board request {firstBoard:F0} ms, {board.Length / 1024} KiB); details in {outFile}"));
        using var stop = new SemaphoreSlim(0);
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Release(); };
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Release(); });
        await stop.WaitAsync();
        await app.StopAsync();
        return 0;
    }

    private static string Field(string html) =>
        WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
