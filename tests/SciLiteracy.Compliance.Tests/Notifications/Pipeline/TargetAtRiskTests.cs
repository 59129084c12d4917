using SciLiteracy.Compliance.Notifications.Channels;
using NodaTime;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using Xunit;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Composition;

namespace SciLiteracy.Compliance.Tests.Notifications.Pipeline;

/// <summary>A target behind pace in a simulated year: the unit, then its lead unit, then the office are told; progress back on pace stops it.</summary>
public sealed class TargetAtRiskTests : IDisposable
{
    private readonly TargetRules rules = new();

    public void Dispose() => rules.Dispose();

    // 20 of the ~50 expected at mid-year: pace 0.4, far behind. Recorded on Tuesday 2025-07-01 at 10:00, after that day's 09:00 send time.
    private void RecordBehindPace(IStateStore store) =>
        store.RecordProgress(TargetRules.Target, "alpha", 20, new LocalDate(2025, 6, 30), "半年报", TargetRules.Local(7, 1, 10));

    private static List<(int Step, string At, string To)> AtRiskSteps(IEnumerable<(OutgoingMessage Message, IReadOnlyList<LedgerRow> Rows)> sent) => sent
        .SelectMany(m => m.Rows)
        .Where(r => r.Kind == NotificationKinds.AtRisk && r.Key.ObligationId == TargetRules.Target)
        .GroupBy(r => r.Step)
        .Select(g => (g.Key, g.First().SentAt!.Value.InZone(TargetRules.Zone).LocalDateTime.ToString("uuuu-MM-dd HH:mm", null),
            string.Join(", ", g.Select(r => r.Recipient).Order(StringComparer.Ordinal))))
        .OrderBy(s => s.Key).ToList();

    [Fact]
    public void BehindPaceTellsTheUnitThenItsLeadUnitThenTheOfficeEachOnceAtTheirLocalTimes()
    {
        var store = TestState.Open(rules.StateFile, durable: false);
        RecordBehindPace(store);

        var sent = rules.SimulateYear(store);

        Assert.Equal(
        [
            (1, "2025-07-02 09:00", "head.alpha@test.example.org, liaison.alpha@test.example.org"), // next send time after recording
            (2, "2025-07-09 09:00", "liaison.beta@test.example.org"),                                 // 5 working days later
            (3, "2025-07-16 09:00", "head.office@test.example.org"),                                   // 10 working days later
        ], AtRiskSteps(sent));
        var first = sent.First(m => m.Rows.Any(r => r.Kind == NotificationKinds.AtRisk));
        Assert.Contains("目标进度预警", first.Message.Subject);
        Assert.Contains("最新进度：20名", first.Message.TextBody);
        // Each step once for the whole year, although the target stayed behind at every later cycle.
        Assert.Equal(4, store.Ledger().Count(r => r.Kind == NotificationKinds.AtRisk && r.Status == LedgerStatus.Sent));
    }

    [Fact]
    public void ProgressBackOnPaceBeforeStepTwoStopsStepsTwoAndThree()
    {
        var store = TestState.Open(rules.StateFile, durable: false);
        RecordBehindPace(store);
        // Monday 2025-07-07, before step 2 (07-09): 50 of the ~50.7 expected on 07-04 is within the 10 % margin.
        store.RecordProgress(TargetRules.Target, "alpha", 50, new LocalDate(2025, 7, 4), null, TargetRules.Local(7, 7, 10));

        var sent = rules.SimulateYear(store);

        Assert.Equal([1], AtRiskSteps(sent).Select(s => s.Step));
    }

    [Fact]
    public async Task AStepWaitingInTheOutboxIsCancelledWhenProgressIsBackOnPace()
    {
        var store = TestState.Open(rules.StateFile, durable: false);
        RecordBehindPace(store);
        var set = rules.Load();
        var failing = new FailingTransport();
        var cycle = CompliancePipeline.Create(new StaticRuleSource(set), store, [new EmailChannel(failing, new PipelineOptions().From)], rules.Rules, new PipelineOptions());
        store.Epoch(TargetRules.Local(7, 1, 0));
        await cycle.RunAsync(TargetRules.Local(7, 2, 9), CancellationToken.None);
        Assert.All(store.Ledger().Where(r => r.Kind == NotificationKinds.AtRisk), r => Assert.Equal(LedgerStatus.Pending, r.Status));

        store.RecordProgress(TargetRules.Target, "alpha", 55, new LocalDate(2025, 7, 2), null, TargetRules.Local(7, 2, 9, 30));
        await cycle.RunAsync(TargetRules.Local(7, 2, 10), CancellationToken.None);

        var rows = store.Ledger().Where(r => r.Kind == NotificationKinds.AtRisk).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(LedgerStatus.Cancelled, r.Status));
    }

    [Fact]
    public void TheWeeklySummaryShowsEachTargetWithLatestExpectedAndState()
    {
        var store = TestState.Open(rules.StateFile, durable: false);
        RecordBehindPace(store);
        store.RecordProgress(TargetRules.Target, "alpha", 50, new LocalDate(2025, 7, 4), null, TargetRules.Local(7, 7, 10));

        var summaries = rules.SimulateYear(store).Where(m => m.Rows.Any(r => r.Kind == NotificationKinds.Summary))
            .ToDictionary(m => m.Message.Date.Date);

        // Monday 07-07 09:00 comes before the new figure (10:00); Monday 07-14 after it. 06-30: nothing recorded yet.
        Assert.Contains("[未报进度] 甲局 — 注册科技志愿者达到100名 目标 100名，最新 —", summaries[new LocalDate(2025, 6, 30)].Message.TextBody);
        Assert.Contains("[进度滞后] 甲局 — 注册科技志愿者达到100名 目标 100名，最新 20名（统计至 2025年6月30日（星期一）），应达 49.59名",
            summaries[new LocalDate(2025, 7, 7)].Message.TextBody);
        Assert.Contains("[进度正常] 甲局 — 注册科技志愿者达到100名 目标 100名，最新 50名", summaries[new LocalDate(2025, 7, 14)].Message.TextBody);
        Assert.Contains("data-state=\"red\"", summaries[new LocalDate(2025, 7, 7)].Message.HtmlBody);
    }

    private sealed class FailingTransport : SciLiteracy.Compliance.Notifications.Mail.IMailTransport
    {
        public Task<SciLiteracy.Compliance.Notifications.Channels.DeliveryResult> SendAsync(SciLiteracy.Compliance.Notifications.Mail.OutgoingMessage message, CancellationToken cancellationToken) =>
            throw new IOException("connection refused");
    }
}
