using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;
using NodaTime;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>The office's side: login, the board, the 台账 exports and the API; never reachable without login.</summary>
public sealed class OfficeBoardTests
{
    private const string Alpha = "liaison.alpha@test.example.org";
    private static readonly Instant Now = Instant.FromUtc(2025, 12, 1, 2, 0);

    [Theory]
    [InlineData("/board")]
    [InlineData("/board?jurisdiction=testcounty&state=red")]
    [InlineData("/board/occurrence?obligation=test.report&unit=alpha&period=2025")]
    [InlineData("/board/export.csv")]
    [InlineData("/board/export.xlsx")]
    public async Task The_board_without_login_redirects_to_the_login_page(string path)
    {
        await using var web = await WebHarness.StartAsync(Now);
        using var client = web.Client();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith($"{web.Address.ToString().TrimEnd('/')}/login?returnUrl=", location);
        Assert.Equal(path, Uri.UnescapeDataString(location[(location.IndexOf("returnUrl=", StringComparison.Ordinal) + 10)..]));
        Assert.DoesNotContain("甲局", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/occurrences")]
    [InlineData("/api/occurrences/test.report/alpha/2025")]
    [InlineData("/api/requests")]
    [InlineData("/api/ledger")]
    public async Task The_API_without_credentials_or_with_a_wrong_password_answers_401(string path)
    {
        await using var web = await WebHarness.StartAsync(Now);
        using var client = web.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);
        client.DefaultRequestHeaders.Authorization = Basic(WebHarness.OfficeUser, "wrong");
        var wrong = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.DoesNotContain("甲局", await wrong.Content.ReadAsStringAsync());
        // The office's own login cookie does not open the API either: scripts sign in per request.
        using var office = await web.OfficeClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await office.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Wrong_passwords_are_rate_limited_and_then_even_the_right_one_waits()
    {
        await using var web = await WebHarness.StartAsync(Now, new Dictionary<string, string?> { ["Web:LoginAttemptsPerMinute"] = "5" });
        using var client = web.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await WebHarness.PostForm(client, "/login", "/login", new Dictionary<string, string> { ["user"] = WebHarness.OfficeUser, ["password"] = $"guess-{i}" })).StatusCode);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        var limited = await WebHarness.PostForm(client, "/login", "/login", new Dictionary<string, string> { ["user"] = WebHarness.OfficeUser, ["password"] = WebHarness.OfficePassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("请稍后再试", await limited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/board")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/board")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/%0d%0aLocation:%20https://evil.example")]
    public async Task Login_never_sends_the_browser_off_this_site(string returnUrl)
    {
        await using var web = await WebHarness.StartAsync(Now);
        using var client = web.Client();
        var response = await WebHarness.PostForm(client, "/login?returnUrl=" + Uri.EscapeDataString(returnUrl), "/login",
            new Dictionary<string, string> { ["user"] = WebHarness.OfficeUser, ["password"] = WebHarness.OfficePassword, ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        // Only a path on this site: never absolute elsewhere, never "//host" or "/\host" (which browsers read as another site).
        Assert.False(location.IsAbsoluteUri && location.Host != web.Address.Host, $"redirected to {location}");
        Assert.Matches("^/(?![/\\\\])", location.OriginalString);
        Assert.DoesNotContain('\r', location.OriginalString);
    }

    [Fact]
    public async Task Unit_names_notes_and_reasons_with_markup_are_shown_as_text_on_the_action_page_and_the_board()
    {
        const string Payload = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        var pipeline = new PipelineHarness(yaml => yaml.Replace("name: 甲局, kind: member", "name: \"甲局" + Payload.Replace("\"", "\\\"") + "\", kind: member"));
        await using var web = await WebHarness.StartAsync(Now, pipeline: pipeline);
        using var client = web.Client();
        var done = new Uri(web.Link("test.report", "alpha", Alpha, ActionPurpose.Complete)).PathAndQuery;
        var page = await client.GetStringAsync(done);
        AssertEncoded(page, Payload);
        var posted = await WebHarness.PostForm(client, done, done, new Dictionary<string, string> { ["note"] = "报告已报送" + Payload });
        AssertEncoded(await posted.Content.ReadAsStringAsync(), Payload);

        using var office = await web.OfficeClient();
        AssertEncoded(await office.GetStringAsync("/board"), Payload);
        var detail = await office.GetStringAsync("/board/occurrence?obligation=test.report&unit=alpha&period=2025");
        AssertEncoded(detail, Payload);
        Assert.Contains("报告已报送", detail);
        var filtered = await office.GetStringAsync("/board?unit=" + Uri.EscapeDataString(Payload));
        AssertEncoded(filtered, Payload);
    }

    [Fact]
    public async Task Evidence_that_is_not_a_web_address_is_refused()
    {
        await using var web = await WebHarness.StartAsync(Now);
        using var client = web.Client();
        var done = new Uri(web.Link("test.report", "alpha", Alpha, ActionPurpose.Complete)).PathAndQuery;
        var posted = await WebHarness.PostForm(client, done, done, new Dictionary<string, string> { ["note"] = "好了", ["evidence"] = "javascript:alert(1)" });
        Assert.Equal(HttpStatusCode.Conflict, posted.StatusCode);
        Assert.Contains("佐证链接须以 http:// 或 https:// 开头", await posted.Content.ReadAsStringAsync());
        Assert.Empty(web.Pipeline.Store.Submissions());
    }

    [Fact]
    public async Task Token_pages_carry_a_content_security_policy_that_forbids_framing_and_send_no_referrer()
    {
        await using var web = await WebHarness.StartAsync(Now);
        using var client = web.Client();
        var response = await client.GetAsync(new Uri(web.Link("test.report", "alpha", Alpha, ActionPurpose.Acknowledge)).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public async Task The_office_sees_every_open_occurrence_by_colour_and_exports_the_same_ledger_as_CSV_and_XLSX()
    {
        await using var web = await WebHarness.StartAsync(Now);
        using var office = await web.OfficeClient();
        var board = await office.GetStringAsync("/board");
        Assert.Contains("督办看板", board);
        Assert.Contains("测试县", board);
        Assert.Contains("甲局", board);
        Assert.Contains("乙局", board);
        Assert.Contains("年度工作计划", board);
        Assert.Contains("共 3 项未办结", board);
        var red = await office.GetStringAsync("/board?state=red");
        Assert.Contains("共 0 项未办结", red);
        web.Clock.Now = Instant.FromUtc(2025, 12, 22, 2, 0);
        Assert.Contains("共 3 项未办结：红 3", await office.GetStringAsync("/board?state=red"));
        Assert.Contains("共 1 项未办结", await office.GetStringAsync("/board?unit=beta"));

        var csv = await office.GetAsync("/board/export.csv?from=2025-01-01&to=2025-12-31");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("工作事项编号", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains("test.plan") && l.Contains("alpha") && l.Contains("2025-12-20") && l.Contains("红"));

        var xlsx = await office.GetAsync("/board/export.xlsx?from=2025-01-01&to=2025-12-31");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["test.plan/alpha", "test.report/alpha", "test.report/beta"], rows.Select(r => $"{r["工作事项编号"]}/{r["单位编号"]}").Order(StringComparer.Ordinal));
        Assert.Contains(rows, r => (string)r["工作事项编号"] == "test.report" && (string)r["单位编号"] == "beta" && (string)r["责任单位"] == "乙局");
    }

    [Fact]
    public async Task A_due_date_in_a_year_without_holiday_data_is_marked_on_the_board_as_in_the_emails()
    {
        // The test rules have no holiday calendar: every due date counts by weekends only until one is added.
        await using var web = await WebHarness.StartAsync(Now);
        using var office = await web.OfficeClient();

        var board = await office.GetStringAsync("/board");

        Assert.Contains("年度工作计划", board);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(board, "（星期.，待国务院安排确认）").Count);
    }

    [Fact]
    public async Task A_script_reads_the_board_and_a_trace_as_JSON_with_HTTP_Basic()
    {
        await using var web = await WebHarness.StartAsync(Now);
        using var client = web.Client();
        client.DefaultRequestHeaders.Authorization = Basic(WebHarness.OfficeUser, WebHarness.OfficePassword);
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/occurrences?unit=alpha"));
        Assert.Equal(2, list.RootElement.GetArrayLength());
        Assert.All(list.RootElement.EnumerateArray(), o => Assert.Equal("alpha", o.GetProperty("unit").GetString()));
        using var one = JsonDocument.Parse(await client.GetStringAsync("/api/occurrences/test.report/alpha/2025"));
        Assert.Equal("blue", one.RootElement.GetProperty("color").GetString());
        Assert.Equal("2025-12-20", one.RootElement.GetProperty("due").GetString());
        Assert.Equal(JsonValueKind.Array, one.RootElement.GetProperty("trace").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/occurrences/test.report/alpha/2031")).StatusCode);
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private static void AssertEncoded(string html, string payload)
    {
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.Contains("&lt;script&gt;", html);
    }
}
