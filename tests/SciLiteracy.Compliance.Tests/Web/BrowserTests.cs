using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>What a liaison officer and the office do in a real browser: from the email to the page and the board.</summary>
public sealed class BrowserTests
{
    private const string Alpha = MailedUnit.Alpha;

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
    public async Task From_the_email_a_unit_acknowledges_and_then_reports_done_the_board_shows_when_and_the_next_cycles_send_nothing_more_for_it_at_a_real_SMTP_server()
    {
        Skip.If(BrowserSession.Unavailable is not null, BrowserSession.Unavailable);
        await using var loop = await MailedUnit.StartAsync();
        var (server, pipeline, web, cycle, first, mail) = (loop.Server, loop.Pipeline, loop.Web, loop.Cycle, loop.First, loop.Mail);
        var ladder = pipeline.Ladder("test.report", "alpha");
        var ack = LinkIn(mail, "年度实施情况报告", "签收");
        var done = LinkIn(mail, "年度实施情况报告", "办结");
        Assert.StartsWith(web.Address.ToString(), done);

        await using var browser = await BrowserSession.LaunchAsync();
        var page = await browser.PageAsync(390);
        web.Clock.Now = first + Duration.FromMinutes(47);
        await page.GotoAsync(ack);
        await page.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByRole(AriaRole.Heading, new() { Name = "已提交" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("签收", await page.Locator("table").InnerTextAsync());

        var office = await OfficeSignsIn(browser, web);
        var row = office.Locator("tr", new() { HasText = "年度实施情况报告" }).Filter(new() { HasText = "甲局" });
        Assert.Contains("已签收 2025年12月8日（星期一）09:47", await row.InnerTextAsync());
        Assert.Contains("未签收", await office.Locator("tr", new() { HasText = "年度实施情况报告" }).Filter(new() { HasText = "乙局" }).InnerTextAsync());

        var response = await page.GotoAsync(done);
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        Assert.Equal("no-referrer", await response.HeaderValueAsync("referrer-policy"));
        await page.GetByLabel("办理情况").FillAsync("报告已报送，文号 科协〔2025〕12号");
        await page.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).GetByRole(AriaRole.Heading, new() { Name = "已提交" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("办结", await page.Locator("table").InnerTextAsync());
        var submission = Assert.Single(pipeline.Store.Submissions()).Value;
        Assert.Equal(Alpha, submission.By);
        Assert.Contains("科协〔2025〕12号", submission.Note);

        var sentBefore = server.MessageFiles().Count;
        foreach (var step in ladder.Skip(1)) await cycle.RunAsync(step.SendAt.ToInstant() + Duration.FromMinutes(1), CancellationToken.None);
        var later = loop.ReceivedAfter(sentBefore);
        Assert.NotEmpty(later); // the ladder of the other occurrences goes on …
        Assert.DoesNotContain(later, m => HasItem(m, "年度实施情况报告", "甲局")); // … but not of this one
        // After 办结 only its confirmation goes (the calendar event withdrawn, kind done), once: no further step of the ladder.
        var afterSubmission = pipeline.Rows("test.report", "alpha").Where(r => r.ComposedAt > submission.At).ToList();
        Assert.Equal([NotificationKinds.Done], afterSubmission.Select(r => r.Kind));
    }

    [SkippableFact]
    public async Task A_unit_asks_for_more_time_from_the_email_the_office_approves_one_request_and_rejects_another_plan_shows_the_moved_ladder_and_the_unit_is_emailed_both()
    {
        Skip.If(BrowserSession.Unavailable is not null, BrowserSession.Unavailable);
        await using var loop = await MailedUnit.StartAsync();
        var (server, pipeline, web, cycle, first, mail) = (loop.Server, loop.Pipeline, loop.Web, loop.Cycle, loop.First, loop.Mail);

        await using var browser = await BrowserSession.LaunchAsync();
        var unit = await browser.PageAsync(390);
        web.Clock.Now = first + Duration.FromMinutes(30);
        foreach (var (title, until, reason) in new[] { ("年度实施情况报告", "2026-01-09", "统计数据尚未汇总"), ("年度工作计划", "2026-01-16", "待局党组会审议") })
        {
            await unit.GotoAsync(LinkIn(mail, title, "申请延期"));
            await unit.GetByLabel("申请延至").FillAsync(until);
            await unit.GetByLabel("延期理由").FillAsync(reason);
            await unit.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
            await unit.GetByRole(AriaRole.Status).GetByRole(AriaRole.Heading, new() { Name = "已提交" }).WaitForAsync(new() { Timeout = 30_000 });
        }

        web.Clock.Now = first + Duration.FromHours(2);
        var office = await OfficeSignsIn(browser, web);
        Assert.Contains("待审核的延期申请（2）", await office.InnerTextAsync("main"));
        var report = office.Locator("div.card", new() { HasText = "年度实施情况报告（2025）" });
        Assert.Contains("申请延至 2026年1月9日（星期五）", await report.InnerTextAsync());
        await report.GetByRole(AriaRole.Button, new() { Name = "批准延期" }).ClickAsync();
        await office.GetByRole(AriaRole.Status).GetByText("已批准延期至 2026年1月9日（星期五）").WaitForAsync(new() { Timeout = 30_000 });
        await office.GotoAsync(new Uri(web.Address, "/board").ToString());
        var plan = office.Locator("div.card", new() { HasText = "年度工作计划（2025）" });
        await plan.GetByLabel("不予延期的理由").FillAsync("全县统一报送，不能单独延期");
        await plan.GetByRole(AriaRole.Button, new() { Name = "不予延期" }).ClickAsync();
        await office.GetByRole(AriaRole.Status).GetByText("已驳回延期申请").WaitForAsync(new() { Timeout = 30_000 });

        // `plan`, the real CLI on the same state file, shows the approved ladder at the new date and the rejected one unmoved.
        var planned = ScilitProcess.Run(pipeline.Temp.Path, "plan", "--rules", pipeline.Rules, "--state", pipeline.Temp["state/compliance.db"],
            "--from", "2025-12-01", "--to", "2026-01-31", "--format", "json");
        Assert.True(planned.ExitCode == 0, planned.Stderr);
        var occurrences = JsonDocument.Parse(planned.Stdout).RootElement.EnumerateArray().ToList();
        JsonElement Of(string obligation, string unitId) =>
            occurrences.Single(o => o.GetProperty("obligation").GetString() == obligation && o.GetProperty("unit").GetString() == unitId);
        var moved = Of("test.report", "alpha");
        Assert.StartsWith("2026-01-09", moved.GetProperty("due").GetString());
        Assert.Equal(["2025-12-26", "2026-01-06", "2026-01-09", "2026-01-12"],
            moved.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("sendAt").GetString()![..10]));
        Assert.StartsWith("2025-12-20", Of("test.plan", "alpha").GetProperty("due").GetString());
        Assert.StartsWith("2025-12-20", Of("test.report", "beta").GetProperty("due").GetString());

        var sentBefore = server.MessageFiles().Count;
        await cycle.RunAsync(web.Clock.Now + Duration.FromMinutes(15), CancellationToken.None);
        var told = loop.ReceivedAfter(sentBefore).Where(m => m.To == Alpha).ToList();
        var approved = Assert.Single(told, m => m.Subject.Contains("延期申请已批准：年度实施情况报告"));
        Assert.Contains("新的截止日期：2026年1月9日（星期五", approved.Text);
        var rejected = Assert.Single(told, m => m.Subject.Contains("延期申请未获批准：年度工作计划"));
        Assert.Contains("理由：全县统一报送，不能单独延期", rejected.Text);
        Assert.Contains("截止日期不变：2025年12月20日（星期六", rejected.Text);
    }

    [SkippableFact]
    public async Task The_office_reopens_work_a_unit_reported_done_its_ladder_starts_again_and_the_unit_is_emailed_why()
    {
        Skip.If(BrowserSession.Unavailable is not null, BrowserSession.Unavailable);
        await using var loop = await MailedUnit.StartAsync();
        var (server, pipeline, web, cycle, first, mail) = (loop.Server, loop.Pipeline, loop.Web, loop.Cycle, loop.First, loop.Mail);

        web.Clock.Now = first + Duration.FromMinutes(30);   // the unit reports it done half an hour after the reminder
        await using var browser = await BrowserSession.LaunchAsync();
        var unit = await browser.PageAsync(390);
        await unit.GotoAsync(LinkIn(mail, "年度实施情况报告", "办结"));
        await unit.GetByLabel("办理情况").FillAsync("报告已报送");
        await unit.GetByRole(AriaRole.Button, new() { Name = "办结" }).ClickAsync();
        await unit.GetByRole(AriaRole.Status).GetByRole(AriaRole.Heading, new() { Name = "已提交" }).WaitForAsync(new() { Timeout = 30_000 });
        var beforeDone = server.MessageFiles().Count;
        await cycle.RunAsync(first + Duration.FromHours(1), CancellationToken.None);
        // Only the 办结 confirmation (its calendar event withdrawn) goes; nothing of the ladder.
        Assert.Single(loop.ReceivedAfter(beforeDone), m => m.Subject.Contains("已办结，日程已取消"));
        var quiet = server.MessageFiles().Count;
        Assert.Equal(beforeDone + 1, quiet);

        web.Clock.Now = first + Duration.FromHours(3);
        var office = await OfficeSignsIn(browser, web);
        await office.GetByLabel("状态").SelectOptionAsync("done");
        await office.GetByRole(AriaRole.Button, new() { Name = "筛选" }).ClickAsync();
        await office.Locator("tr", new() { HasText = "年度实施情况报告" }).Filter(new() { HasText = "甲局" }).GetByRole(AriaRole.Link, new() { Name = "记录" }).ClickAsync();
        await office.GetByLabel("退办理由").FillAsync("缺少附表三，请补充后重新报送");
        await office.GetByRole(AriaRole.Button, new() { Name = "退办" }).ClickAsync();
        await office.GetByRole(AriaRole.Status).GetByText("已退办").WaitForAsync(new() { Timeout = 30_000 });
        await office.GotoAsync(new Uri(web.Address, "/board").ToString());
        Assert.Contains("办理中", await office.Locator("tr", new() { HasText = "年度实施情况报告" }).Filter(new() { HasText = "甲局" }).InnerTextAsync());

        await cycle.RunAsync(web.Clock.Now + Duration.FromMinutes(15), CancellationToken.None);
        var told = loop.ReceivedAfter(quiet).Where(m => m.To == Alpha).ToList();
        var reopened = Assert.Single(told, m => m.Subject.Contains("退办：年度实施情况报告"));
        Assert.Contains("退办理由：缺少附表三，请补充后重新报送", reopened.Text);
        Assert.Contains("提醒、催办与督办按规定重新开始", reopened.Text);
        // The ladder starts again: its step due by now goes once more, with its links.
        var reminder = Assert.Single(told, m => m.Subject.Contains("提醒") && HasItem(m, "年度实施情况报告", "甲局"));
        Assert.Contains("办结：", reminder.Text);
        var afterReopening = server.MessageFiles().Count;
        await cycle.RunAsync(web.Clock.Now + Duration.FromHours(1), CancellationToken.None);
        Assert.Equal(afterReopening, server.MessageFiles().Count);   // nothing twice
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

        var office = await OfficeSignsIn(browser, web);
        Assert.Contains("甲局", await office.InnerTextAsync("main"));
        await BrowserSession.Shoot(office, "board.png");
    }

    /// <summary>The address behind an item's button in the text part of an email: "签收：http…" below the item's title.</summary>
    private static string LinkIn(ParsedEmail mail, string title, string label) =>
        Regex.Match(mail.Text, $"{title}[\\s\\S]*?{label}：(\\S+)") is { Success: true } m ? m.Groups[1].Value
            : throw new InvalidOperationException($"no {label} link for {title} in:\n{mail.Text}");

    /// <summary>Whether the text part lists the item (its title, then its unit on the next line), whatever its line endings.</summary>
    private static bool HasItem(ParsedEmail mail, string title, string unit) => Regex.IsMatch(mail.Text, $"{title}\\s+责任单位：{unit}");

    /// <summary>The office opens the board, is sent to the login page, signs in and lands on the board.</summary>
    private static async Task<IPage> OfficeSignsIn(BrowserSession browser, WebHarness web)
    {
        var office = await browser.PageAsync(1280);
        await office.GotoAsync(new Uri(web.Address, "/board").ToString());
        Assert.Contains("/login?returnUrl=%2Fboard", office.Url);
        await office.GetByLabel("用户名").FillAsync(WebHarness.OfficeUser);
        await office.GetByLabel("密码").FillAsync(WebHarness.OfficePassword);
        await office.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await office.GetByRole(AriaRole.Heading, new() { Name = "督办看板" }).WaitForAsync(new() { Timeout = 30_000 });
        Assert.EndsWith("/board", office.Url);
        return office;
    }
}
