using NodaTime;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Tests.Application;

/// <summary>
/// Acknowledge (签收), extension requests and reopening (退办) as the pipeline sees them: the real pipeline on a real
/// state file, driven through every moment of the small rules' ladders.
/// </summary>
public sealed class OccurrenceActsTests
{
    private static Instant At(PlannedNotification n) => n.SendAt.ToInstant();

    private static Act By(string who, Instant at, string? reason = null) => new(who, at, reason, Sources.Cli);

    private static async Task RunThrough(PipelineHarness h, Instant from, Instant to)
    {
        var cycle = h.Cycle();
        foreach (var moment in h.Moments(from, to)) await cycle.RunAsync(moment, CancellationToken.None);
    }

    private static List<(string Kind, int Step)> Sent(PipelineHarness h, string unit) =>
        h.Rows("test.report", unit).Where(r => r.Status == LedgerStatus.Sent).Select(r => (r.Kind, r.Step)).Distinct().ToList();

    [Fact]
    public async Task An_acknowledged_occurrence_keeps_its_reminders_but_gets_no_urging_or_escalation()
    {
        using var h = new PipelineHarness();
        var ladder = h.Ladder("test.report", "beta");
        Assert.Contains(ladder, n => n.Kind == NotificationKind.Urge);
        h.StartServiceBefore(At(ladder[0]));
        new Acknowledge(h.Set, h.Store).Run(h.Occurrence("test.report", "beta").Key, By("乙局联络员", At(ladder[0]) - Duration.FromHours(1)));

        await RunThrough(h, At(ladder[0]), At(ladder[^1]) + Duration.FromDays(1));

        var beta = Sent(h, "beta");
        Assert.Equal(ladder.Where(n => n.Kind == NotificationKind.Remind).Select(n => ("remind", n.Step)), beta);
        // The unit that did not acknowledge is urged and escalated as before.
        Assert.Contains(Sent(h, "alpha"), s => s.Kind == "urge");
    }

    [Fact]
    public async Task A_pending_extension_request_moves_nothing_and_an_approved_one_moves_the_ladder()
    {
        using var h = new PipelineHarness();
        var ladder = h.Ladder("test.report", "beta");
        var urge = ladder.Single(n => n.Kind == NotificationKind.Urge);
        h.StartServiceBefore(At(ladder[0]));
        var later = h.Occurrence("test.report", "beta").Due.Date.PlusDays(40);
        var asked = At(ladder[0]) - Duration.FromHours(1);
        var pending = new RequestExtension(h.Set, h.Store).Run(h.Occurrence("test.report", "beta").Key, later, By("乙局联络员", asked, "材料补充"));
        var approved = new RequestExtension(h.Set, h.Store).Run(h.Occurrence("test.report", "alpha").Key, later, By("甲局联络员", asked, "材料补充"));
        var decided = new DecideRequest(h.Store).Run(approved.Id, approve: true, By("纲要办", asked));
        Assert.Equal(RequestStatus.Approved, decided.Status);
        Assert.Equal(later, h.Store.Extensions()[decided.Key].Until);

        await RunThrough(h, At(ladder[0]), At(urge) + Duration.FromHours(1));

        Assert.Contains(("urge", urge.Step), Sent(h, "beta"));             // pending: the original ladder runs on
        Assert.DoesNotContain(Sent(h, "alpha"), s => s.Kind == "urge");     // approved: due 40 days later, no urge yet
        Assert.Equal(RequestStatus.Pending, Assert.Single(h.Store.Requests(RequestStatus.Pending)).Status);
        var rejected = new DecideRequest(h.Store).Run(pending.Id, approve: false, By("纲要办", At(urge), "已逾期"));
        Assert.Equal(("已逾期", RequestStatus.Rejected), (rejected.Decided!.Reason, rejected.Status));
        Assert.False(h.Store.Extensions().ContainsKey(rejected.Key));
    }

    [Fact]
    public async Task Reopening_a_submitted_occurrence_starts_its_ladder_again_and_keeps_the_old_rows_in_the_archive()
    {
        using var h = new PipelineHarness();
        var ladder = h.Ladder("test.report", "beta");
        var key = h.Occurrence("test.report", "beta").Key;
        h.StartServiceBefore(At(ladder[0]));
        await RunThrough(h, At(ladder[0]), At(ladder[0]));
        new SubmitWork(h.Set, h.Store).Run(key, By("乙局联络员", At(ladder[0]) + Duration.FromHours(1), "寻科字〔2025〕1号"));
        var afterLadder = At(ladder[^1]) + Duration.FromDays(1);
        await RunThrough(h, At(ladder[0]) + Duration.FromHours(2), afterLadder);
        // The first reminder, then the notice of 办结 that cancels its calendar invitation.
        Assert.Equal([("remind", ladder[0].Step), (NotificationKinds.Done, 1)], Sent(h, "beta"));

        var reopened = new ReopenOccurrence(h.Set, h.Store).Run(key, By("纲要办", afterLadder, "材料不全"));
        Assert.Equal("寻科字〔2025〕1号", reopened.Withdrawn!.Note);
        Assert.Empty(h.Rows("test.report", "beta"));   // archived: the ladder starts again
        var outcome = await h.Cycle().RunAsync(afterLadder + Duration.FromHours(1), CancellationToken.None);

        // Every step is past: fold and catch-up send the latest one once, late; beside it the unit is told of the 退办.
        var sent = outcome.Sent.SelectMany(m => m.Rows).Where(r => r.Key == key).ToList();
        var step = Assert.Single(sent.Where(r => NotificationKinds.IsLadderStep(r.Kind)).Select(r => (r.Kind, r.Step, r.Late)).Distinct());
        Assert.Equal((NotificationKinds.Name(ladder[^1].Kind), ladder[^1].Step, true), step);
        Assert.Equal([(NotificationKinds.Reopened, (int)reopened.Id)], sent.Where(r => !NotificationKinds.IsLadderStep(r.Kind)).Select(r => (r.Kind, r.Step)).Distinct());
        var again = await h.Cycle().RunAsync(afterLadder + Duration.FromHours(2), CancellationToken.None);
        Assert.DoesNotContain(again.Sent.SelectMany(m => m.Rows), r => r.Key == key);
        Assert.Throws<UseCaseException>(() => new ReopenOccurrence(h.Set, h.Store).Run(key, By("纲要办", afterLadder, "again")));
    }
}
