using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>What a liaison officer and the office do in a real browser: from the email to the page and the board.</summary>
public sealed class BrowserTests
{
    private const string Alpha = "liaison.alpha@test.example.org";

    [SkippableFact]
    public async Task A_digest_email_reads_on_a_phone_and_a_desktop_without_sideways_scrolling_and_shows_every_items_actions()
    {
        Skip.If(BrowserSession.Unavailable is not null, BrowserSession.Unavailable);
        var pipeline = new PipelineHarness();
        var first = pipeline.Ladder("test.report", "alpha")[0].SendAt.ToInstant();
        await using var web = await WebHarness.StartAsync(first, pipeline: pipeline);
        pipeline.StartServiceBefore(first);
        await pipeline.Cycle(options: web.PipelineOptions).RunAsync(first, CancellationToken.None);
        var mail = pipeline.OutboxFiles().Select(EmlReader.Read).Single(m => m.To == Alpha);
        Assert.DoesNotContain("scilit submit", mail.Html);
        Assert.DoesNotContain("scilit submit", mail.Text);
        Assert.Contains("县纲要办 纲要办联络员（liaison.office@test.example.org）", mail.Html);
        Assert.Matches("办结：http://127\\.0\\.0\\.1:\\d+/a/done/", mail.Text);

        await using var browser = await BrowserSession.LaunchAsync();
        foreach (var width in new[] { 390, 900 })
        {
            var page = await browser.PageAsync(width);
            await page.SetContentAsync(mail.Html);
            Assert.False(await BrowserSession.ScrollsSideways(page), $"the digest scrolls sideways at {width} px");
            foreach (var label in new[] { "签收", "办结", "申请延期" })
            {
                var buttons = page.GetByRole(AriaRole.Link, new() { Name = label, Exact = true });
                Assert.Equal(2, await buttons.CountAsync());
                for (var i = 0; i < 2; i++) Assert.True(await buttons.Nth(i).IsVisibleAsync(), $"{label} #{i} hidden at {width} px");
            }
            await BrowserSession.Shoot(page, $"digest-{width}.png");
        }
    }

    [SkippableFact]
    public async Task From_the_email_a_unit_reports_done_and_the_next_cycles_send_nothing_more_for_it_at_a_real_SMTP_server()
    {
        Skip.If(BrowserSession.Unavailable is not null, BrowserSession.Unavailable);
        using var server = new SmtpServerFixture();
        var pipeline = new PipelineHarness();
        var ladder = pipeline.Ladder("test.report", "alpha");
        var first = ladder[0].SendAt.ToInstant();
        await using var web = await WebHarness.StartAsync(first, pipeline: pipeline);
        pipeline.StartServiceBefore(first);
        var cycle = pipeline.Cycle(new SmtpMailTransport(new SmtpSettings("127.0.0.1", server.Port, SmtpSecurity.None, null, null)), web.PipelineOptions);
        await cycle.RunAsync(first, CancellationToken.None);
        var mail = server.MessageFiles().Select(EmlReader.Read).Single(m => m.To == Alpha);
        var done = Regex.Match(mail.Text, "年度实施情况报告[\\s\\S]*?办结：(\\S+)").Groups[1].Value;
        Assert.StartsWith(web.Address.ToString(), done);

        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.PageAsync(390);
        var response = await page.GotoAsync(done);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.Equal("no-referrer", await response.HeaderValueAsync("referrer-policy"));
        await page.GetByLabel("办理情况").FillAsync("报告已报送，文号 科协〔2025〕12号");
        await page.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByText("已提交").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("办结", await page.Locator("table").InnerTextAsync());
        var submission = Assert.Single(pipeline.Store.Submissions()).Value;
        Assert.Equal(Alpha, submission.By);
        Assert.Contains("科协〔2025〕12号", submission.Note);

        var sentBefore = server.MessageFiles().Count;
        foreach (var step in ladder.Skip(1)) await cycle.RunAsync(step.SendAt.ToInstant() + Duration.FromMinutes(1), CancellationToken.None);
        var later = server.MessageFiles().Skip(sentBefore).Select(EmlReader.Read).ToList();
        Assert.NotEmpty(later); // the ladder of the other occurrences goes on …
        Assert.DoesNotContain(later, m => m.Text.Contains("年度实施情况报告\n   责任单位：甲局")); // … but not of this one
        Assert.DoesNotContain(pipeline.Rows("test.report", "alpha"), r => r.ComposedAt > submission.At);
    }

    [SkippableFact]
    public async Task The_action_page_works_on_a_phone_and_a_desktop_and_the_board_needs_a_login()
    {
        Skip.If(BrowserSession.Unavailable is not null, BrowserSession.Unavailable);
        var now = Instant.FromUtc(2025, 12, 10, 2, 0);
        await using var web = await WebHarness.StartAsync(now);
        await using var browser = await BrowserSession.LaunchAsync();
        var extend = web.Link("test.report", "alpha", Alpha, ActionPurpose.RequestExtension);
        foreach (var (width, name) in new[] { (390, "action-390.png"), (1280, "action-desktop.png") })
        {
            var page = await browser.PageAsync(width);
            await page.GotoAsync(extend);
            Assert.False(await BrowserSession.ScrollsSideways(page), $"the action page scrolls sideways at {width} px");
            Assert.Contains("2025年12月20日（星期六）", await page.InnerTextAsync("main"));
            Assert.Contains("还有 10 天", await page.InnerTextAsync("main"));
            Assert.True(await page.GetByLabel("申请延至").IsVisibleAsync());
            await BrowserSession.Shoot(page, name);
        }

        var office = await browser.PageAsync(1280);
        await office.GotoAsync(new Uri(web.Address, "/board").ToString());
        Assert.Contains("/login?returnUrl=%2Fboard", office.Url);
        await office.GetByLabel("用户名").FillAsync(WebHarness.OfficeUser);
        await office.GetByLabel("密码").FillAsync(WebHarness.OfficePassword);
        await office.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await office.GetByRole(AriaRole.Heading, new() { Name = "督办看板" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.EndsWith("/board", office.Url);
        Assert.Contains("甲局", await office.InnerTextAsync("main"));
        await BrowserSession.Shoot(office, "board.png");
    }
}
