using System.Net;
using System.Net.Sockets;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>`scilit link` and `scilit run` as the office runs them: the real executable in its own process.</summary>
public sealed class LinkAndRunVerbTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void Link_prints_the_three_signed_links_of_an_occurrence_with_the_key_it_keeps_beside_the_state_file()
    {
        using var sandbox = new WorkerSandbox();
        var run = ScilitProcess.Run(sandbox.Root, NoEnvironment, "link", "--rules", "rules", "--state", "state/compliance.db",
            "--obligation", "xunwu.yearly-report", "--unit", "jiaoketi", "--period", "2025");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["签收", "办结", "申请延期"], lines.Select(l => l.Split('\t')[0]));

        var keyFile = Path.Combine(sandbox.Root, "state", TokenKeyFile.FileName);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var signer = new ActionTokenSigner(TokenKeyFile.Load(null, sandbox.StateFile));
        var purposes = new[] { ActionPurpose.Acknowledge, ActionPurpose.Complete, ActionPurpose.RequestExtension };
        for (var i = 0; i < 3; i++)
        {
            var url = lines[i].Split('\t')[1];
            Assert.StartsWith($"http://127.0.0.1:5080/a/{ActionPurposes.Slug(purposes[i])}/", url);
            var (token, refusal) = signer.Verify(url[(url.LastIndexOf('/') + 1)..], Instant.FromUtc(2025, 12, 1, 0, 0));
            Assert.Null(refusal);
            Assert.Equal(new OccurrenceKey("xunwu.yearly-report", "jiaoketi", "2025"), token!.Key);
            Assert.Equal(purposes[i], token.Purpose);
            Assert.EndsWith("@xunwu.example.org", token.Recipient);
            // Valid to the end of the due date + 60 days in Xunwu (the due date is in December 2025).
            var expires = token.Expires.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);
            Assert.Equal(new LocalTime(0, 0), expires.TimeOfDay);
            Assert.InRange(expires.Date, new LocalDate(2026, 2, 1), new LocalDate(2026, 2, 20));
        }

        // The same key next time: links sent yesterday still open.
        var again = ScilitProcess.Run(sandbox.Root, NoEnvironment, "link", "--rules", "rules", "--state", "state/compliance.db",
            "--obligation", "xunwu.yearly-report", "--unit", "jiaoketi", "--period", "2025", "--purpose", "done", "--valid-for", "7");
        Assert.True(again.ExitCode == 0, again.Stderr);
        var week = signer.Verify(again.Stdout.Trim()[(again.Stdout.Trim().LastIndexOf('/') + 1)..], SystemClock.Instance.GetCurrentInstant());
        Assert.Null(week.Refusal);
        Assert.InRange(week.Token!.Expires - SystemClock.Instance.GetCurrentInstant(), Duration.FromDays(6.9), Duration.FromDays(7));
    }

    [Fact]
    public void Link_for_someone_the_occurrence_is_not_sent_to_is_refused_in_one_line()
    {
        using var sandbox = new WorkerSandbox();
        var run = ScilitProcess.Run(sandbox.Root, NoEnvironment, "link", "--rules", "rules", "--state", "state/compliance.db",
            "--obligation", "xunwu.yearly-report", "--unit", "jiaoketi", "--period", "2025", "--recipient", "someone@evil.example");
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: 'someone@evil.example' is not a recipient of xunwu.yearly-report/jiaoketi/2025; recipients: ", run.Stderr.Trim());
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Run_serves_the_web_interface_on_Web_Listen_behind_its_security_headers()
    {
        using var sandbox = new WorkerSandbox();
        var port = FreePort.OnLoopback();
        using var worker = ScilitProcess.Start(sandbox.Root, new Dictionary<string, string>
        {
            ["Web__Listen"] = $"http://127.0.0.1:{port}",
            ["Compliance__Outbox"] = Path.Combine(sandbox.Root, "outbox"),
        }, "run", "--rules", "rules", "--state", "state/compliance.db");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        HttpResponseMessage? login = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (login is null && DateTime.UtcNow < deadline && !worker.HasExited)
        {
            try { login = await client.GetAsync("/login"); }
            catch (HttpRequestException) { await Task.Delay(200); }
        }
        Assert.True(login is not null, $"no web interface on port {port} within 2 minutes; stderr:\n{worker.Stderr}");
        Assert.Equal(HttpStatusCode.OK, login!.StatusCode);
        Assert.Contains("纲要办登录", await login.Content.ReadAsStringAsync());
        Assert.Contains("frame-ancestors 'none'", login.Headers.GetValues("Content-Security-Policy").Single());
        var board = await client.GetAsync("/board");
        Assert.Equal(HttpStatusCode.Redirect, board.StatusCode);
        Assert.Contains("/login?returnUrl=%2Fboard", board.Headers.Location!.ToString());
        Assert.True(File.Exists(Path.Combine(sandbox.Root, "state", TokenKeyFile.FileName)));
        // The worker's health report over HTTP: this very process, healthy.
        var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var report = System.Text.Json.JsonDocument.Parse(await health.Content.ReadAsStringAsync()))
        {
            Assert.True(report.RootElement.GetProperty("healthy").GetBoolean());
            Assert.Equal(worker.Id, report.RootElement.GetProperty("pid").GetInt32());
        }
        Assert.True(worker.Terminate(TimeSpan.FromSeconds(60)), "the worker did not stop on SIGTERM");
    }
}
