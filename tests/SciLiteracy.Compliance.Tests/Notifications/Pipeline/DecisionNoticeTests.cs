using NodaTime;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Tests.Notifications.Channels;

namespace SciLiteracy.Compliance.Tests.Notifications.Pipeline;

/// <summary>
/// The unit is told of the office's decisions — an extension approved or rejected, a 退办 — by the pipeline and its ledger:
/// once per decision and person, across restarts, on every channel, and not on a day off.
/// </summary>
public sealed class DecisionNoticeTests
{
    private const string Liaison = "liaison.alpha@test.example.org", Head = "head.alpha@test.example.org";
    private static readonly Duration Hour = Duration.FromHours(1);

    private static Act Unit(Instant at, string reason) => new(Liaison, at, reason, Sources.Web);
    private static Act Office(Instant at, string? reason = null) => new("gangyaoban", at, reason, Sources.Web);

    private static (PipelineHarness H, OccurrenceKey Key, Instant First) Started(PipelineHarness? harness = null)
    {
        var h = harness ?? new PipelineHarness();
        var first = h.Ladder("test.report", "alpha")[0].SendAt.ToInstant();
        h.StartServiceBefore(first);
        return (h, h.Occurrence("test.report", "alpha").Key, first);
    }

    /// <summary>One cycle (a fresh pipeline, as after a restart) and the emails it wrote.</summary>
    private static async Task<List<ParsedEmail>> CycleAt(PipelineHarness h, Instant at)
    {
        var before = h.OutboxFiles().ToHashSet();
        await h.Cycle().RunAsync(at, CancellationToken.None);
        return h.OutboxFiles().Where(f => !before.Contains(f)).Select(EmlReader.Read).ToList();
    }

    private static List<ParsedEmail> About(IEnumerable<ParsedEmail> mails, string subject) => mails.Where(m => m.Subject.Contains(subject)).ToList();

    [Fact]
    public async Task An_approved_extension_is_told_to_the_units_people_once_with_its_new_due_date_across_restarts()
    {
        var (h, key, first) = Started();
        using var _ = h;
        await CycleAt(h, first);
        var asked = new RequestExtension(h.Set, h.Store).Run(key, new LocalDate(2026, 1, 9), Unit(first + Hour, "统计数据尚未汇总"));
        Assert.Empty(About(await CycleAt(h, first + 2 * Hour), "延期申请"));   // pending: nothing to tell yet

        new DecideRequest(h.Store).Run(asked.Id, approve: true, Office(first + 3 * Hour));
        var told = await CycleAt(h, first + 3 * Hour + Duration.FromMinutes(15));

        Assert.Equal([Head, Liaison], told.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(told, m =>
        {
            Assert.Contains("延期申请已批准：年度实施情况报告（2025），截止日期延至2026年1月9日（星期五", m.Subject);
            Assert.Contains("新的截止日期：2026年1月9日（星期五", m.Text);
            Assert.Contains("统计数据尚未汇总", m.Text);
            Assert.Contains("提醒与催办随之顺延", m.Html);
        });
        Assert.Empty(await CycleAt(h, first + 5 * Hour));
        Assert.Empty(await CycleAt(h, first + Duration.FromDays(1)));
        Assert.Equal(2, h.Rows("test.report", "alpha").Count(r => r.Kind == NotificationKinds.RequestDecided && r.Step == asked.Id && r.Status == LedgerStatus.Sent));
    }

    [Fact]
    public async Task A_rejected_extension_is_told_with_the_offices_reason_and_the_unchanged_due_date()
    {
        var (h, key, first) = Started();
        using var _ = h;
        var asked = new RequestExtension(h.Set, h.Store).Run(key, new LocalDate(2026, 1, 9), Unit(first - Hour, "人手不足"));
        new DecideRequest(h.Store).Run(asked.Id, approve: false, Office(first - Hour / 2, "全县统一报送，不能单独延期"));

        var told = About(await CycleAt(h, first), "延期申请未获批准");

        Assert.Equal([Head, Liaison], told.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(told, m =>
        {
            Assert.Contains("理由：全县统一报送，不能单独延期", m.Text);
            Assert.Contains("截止日期不变：2025年12月20日（星期六", m.Text);
            Assert.Contains("全县统一报送，不能单独延期", m.Html);
        });
        Assert.Empty(About(await CycleAt(h, first + Hour), "延期申请"));
    }

    [Fact]
    public async Task Each_reopening_is_told_once_with_its_reason_and_that_the_ladder_starts_again_and_an_earlier_one_is_not_told_again()
    {
        var (h, key, first) = Started();
        using var _ = h;
        await CycleAt(h, first);
        new SubmitWork(h.Set, h.Store).Run(key, Unit(first + Hour, "已报送"));
        new ReopenOccurrence(h.Set, h.Store).Run(key, Office(first + 2 * Hour, "材料不全，缺少附表"));

        var told = await CycleAt(h, first + 3 * Hour);
        var reopened = About(told, "退办");
        Assert.Equal([Head, Liaison], reopened.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(reopened, m =>
        {
            Assert.Contains("退办理由：材料不全，缺少附表", m.Text);
            Assert.Contains("提醒、催办与督办按规定重新开始", m.Text);
        });
        Assert.Contains(told, m => m.To == Liaison && m.Subject.Contains("提醒"));   // … and the ladder's due step goes again

        new SubmitWork(h.Set, h.Store).Run(key, Unit(first + 4 * Hour, "已补齐"));
        new ReopenOccurrence(h.Set, h.Store).Run(key, Office(first + 5 * Hour, "附表数据有误"));
        var second = About(await CycleAt(h, first + 6 * Hour), "退办");
        Assert.Equal(2, second.Count);
        Assert.All(second, m => Assert.Contains("附表数据有误", m.Text));
        Assert.DoesNotContain(second, m => m.Text.Contains("材料不全"));
        Assert.Empty(About(await CycleAt(h, first + 7 * Hour), "退办"));
    }

    [Fact]
    public async Task A_decision_taken_on_a_day_off_waits_for_the_next_working_days_send_window()
    {
        var (h, key, first) = Started();
        using var _ = h;
        Assert.True(first < Instant.FromUtc(2025, 12, 13, 0, 0), "the service runs before that Saturday");
        var saturday = new LocalDate(2025, 12, 13).At(new LocalTime(10, 0)).InZoneStrictly(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToInstant();
        var asked = new RequestExtension(h.Set, h.Store).Run(key, new LocalDate(2026, 1, 9), Unit(saturday - Hour, "材料补充"));
        new DecideRequest(h.Store).Run(asked.Id, approve: true, Office(saturday));

        Assert.Empty(About(await CycleAt(h, saturday + Hour), "延期申请"));
        Assert.Empty(About(await CycleAt(h, saturday + Duration.FromDays(1)), "延期申请"));   // Sunday
        var monday = Instant.FromUtc(2025, 12, 15, 1, 0);   // 09:00 in Shanghai
        Assert.Empty(About(await CycleAt(h, monday - Duration.FromMinutes(1)), "延期申请"));
        Assert.Equal(2, About(await CycleAt(h, monday), "延期申请已批准").Count);
    }

    [Fact]
    public async Task A_decision_goes_to_every_channel_the_units_people_have_an_address_on()
    {
        var (h, key, first) = Started(new PipelineHarness(yaml => yaml.Replace(
            "email: liaison.alpha@test.example.org }", "email: liaison.alpha@test.example.org, channels: { chat: chat.alpha } }")));
        using var _ = h;
        var inbox = h.Temp["chat-inbox.txt"];
        var options = new PipelineOptions();
        var cycle = CompliancePipeline.Create(new StaticRuleSource(h.Set), h.Store,
            [new EmailChannel(h.Pickup, options.From), new InboxChannel(inbox)], h.Rules, options);
        var asked = new RequestExtension(h.Set, h.Store).Run(key, new LocalDate(2026, 1, 9), Unit(first - Hour, "材料补充"));
        new DecideRequest(h.Store).Run(asked.Id, approve: false, Office(first - Hour / 2, "不予延期"));

        await cycle.RunAsync(first, CancellationToken.None);
        await cycle.RunAsync(first + Hour, CancellationToken.None);

        var rows = h.Rows("test.report", "alpha").Where(r => r.Kind == NotificationKinds.RequestDecided).ToList();
        Assert.Equal([("chat", "chat.alpha"), ("email", Head), ("email", Liaison)],
            rows.Select(r => (r.Channel, r.Recipient)).Order());
        Assert.All(rows, r => Assert.Equal(LedgerStatus.Sent, r.Status));
        var chat = Assert.Single(File.ReadAllLines(inbox), l => l.Contains("延期申请未获批准"));
        Assert.Contains("chat.alpha", chat);
    }
}
