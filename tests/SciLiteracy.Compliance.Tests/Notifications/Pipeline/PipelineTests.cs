using System.Net;
using System.Net.Sockets;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Notifications.Pipeline;

public sealed class PipelineTests
{
    private static Instant At(PlannedNotification n) => n.SendAt.ToInstant();

    private static IEnumerable<DeliveredMessage> Digests(CycleOutcome o) => o.Sent.Where(m => m.Rows.All(r => r.Kind != NotificationKinds.Summary));

    [Fact]
    public async Task After_an_outage_only_the_latest_step_is_sent_once_marked_late_and_earlier_steps_are_folded()
    {
        using var h = new PipelineHarness();
        var ladder = h.Ladder("test.report", "beta");
        h.StartServiceBefore(At(ladder[0]));
        var urge = ladder.Single(n => n.Kind == NotificationKind.Urge);
        var wakeUp = At(urge) + Duration.FromHours(3); // down through both reminders and the urge moment

        var outcome = await h.Cycle().RunAsync(wakeUp, CancellationToken.None);

        var toBeta = Digests(outcome).Where(m => m.Message.To == "liaison.beta@test.example.org").ToList();
        var only = Assert.Single(toBeta);
        var row = Assert.Single(only.Rows);
        Assert.Equal(("urge", urge.Step, true), (row.Kind, row.Step, row.Late));
        var rows = h.Rows("test.report", "beta");
        Assert.All(rows.Where(r => r.Kind == "remind"), r => Assert.Equal(LedgerStatus.Folded, r.Status));
        Assert.Equal(ladder.Count(n => n.Kind == NotificationKind.Remind), rows.Count(r => r.Kind == "remind"));
        Assert.Contains("迟发", EmlReader.Read(Path.Combine(h.Pickup.Folder, only.Message.FileName)).Text);

        var files = h.OutboxFiles().Count;
        var again = await h.Cycle().RunAsync(wakeUp, CancellationToken.None);
        Assert.Empty(again.Sent);
        Assert.Equal(files, h.OutboxFiles().Count);
    }

    [Fact]
    public async Task After_an_outage_longer_than_any_ladder_the_latest_step_of_an_open_occurrence_still_goes_out_once()
    {
        using var h = new PipelineHarness();
        var ladder = h.Ladder("test.report", "beta");
        h.StartServiceBefore(At(ladder[0]));
        var cycle = h.Cycle();
        await cycle.RunAsync(At(ladder[0]), CancellationToken.None); // the service ran for the first reminder, then stopped
        var wakeUp = At(ladder[^1]) + Duration.FromDays(200);                  // long after the last step: far outside the ladder's reach of today

        var outcome = await h.Cycle().RunAsync(wakeUp, CancellationToken.None);

        var only = Assert.Single(Digests(outcome), m => m.Message.To == ladder[^1].Recipients[0].Email);
        Assert.Contains(only.Rows, r => (r.Kind, r.Step, r.Late) == (NotificationKinds.Name(ladder[^1].Kind), ladder[^1].Step, true));
        var sentBefore = h.Rows("test.report", "beta").Count(r => r.Status == LedgerStatus.Sent);
        await h.Cycle().RunAsync(wakeUp + Duration.FromDays(1), CancellationToken.None);
        Assert.Equal(sentBefore, h.Rows("test.report", "beta").Count(r => r.Status == LedgerStatus.Sent));
    }

    [Fact]
    public async Task On_time_every_step_is_sent_exactly_once_and_nothing_is_late()
    {
        using var h = new PipelineHarness();
        var ladder = h.Ladder("test.report", "beta");
        h.StartServiceBefore(At(ladder[0]));
        var cycle = h.Cycle();
        foreach (var n in ladder)
        {
            await cycle.RunAsync(At(n), CancellationToken.None);
            await cycle.RunAsync(At(n) + Duration.FromMinutes(1), CancellationToken.None); // a second trigger must not resend
        }
        var rows = h.Rows("test.report", "beta");
        Assert.Equal(ladder.Sum(n => n.Recipients.Length), rows.Count);
        Assert.All(rows, r => Assert.Equal((LedgerStatus.Sent, false, 1), (r.Status, r.Late, r.Attempts)));
    }

    [Fact]
    public async Task Everything_due_for_one_recipient_at_one_moment_is_one_digest_email_that_parses_back()
    {
        using var h = new PipelineHarness();
        var first = h.Ladder("test.report", "alpha")[0];
        Assert.Equal(At(first), At(h.Ladder("test.plan", "alpha")[0])); // the premise: both obligations remind alpha at once
        h.StartServiceBefore(At(first));

        var outcome = await h.Cycle().RunAsync(At(first), CancellationToken.None);

        var toAlpha = Assert.Single(Digests(outcome), m => m.Message.To == "liaison.alpha@test.example.org");
        Assert.Equal(2, toAlpha.Rows.Count);
        var mail = EmlReader.Read(Path.Combine(h.Pickup.Folder, toAlpha.Message.FileName));
        Assert.Equal("multipart/mixed", mail.ContentType); // the text and HTML, and a calendar invitation for each item
        Assert.Equal("liaison.alpha@test.example.org", mail.To);
        Assert.Equal($"<{toAlpha.Message.MessageId}>", mail.MessageId);
        Assert.Contains("测试县", mail.Subject);
        Assert.Contains("2 项", mail.Subject);
        foreach (var part in new[] { mail.Text, mail.Html })
        {
            Assert.Contains("年度实施情况报告", part);
            Assert.Contains("年度工作计划", part);
            Assert.Contains("2025年12月20日（星期六，待国务院安排确认）", part); // the small rule set has no holiday data: the date is marked (docs/calendars.md)
            Assert.Contains("各成员单位在每年12月20日前报送实施情况。", part);
            // No command line a recipient cannot run (issue 14): where to hand it in, and whom to ask.
            Assert.DoesNotContain("scilit submit", part);
            Assert.Contains("完成后报送县纲要办", part);
            Assert.Contains("县纲要办 纲要办联络员（liaison.office@test.example.org）", part);
        }
        var daysLeft = Period.Between(first.SendAt.Date, h.Occurrence("test.report", "alpha").Due.Date, PeriodUnits.Days).Days;
        Assert.Contains($"还有 {daysLeft} 天", mail.Text);
        Assert.Contains("Mon, 08 Dec 2025 09:00:00 +0800", File.ReadAllText(Path.Combine(h.Pickup.Folder, toAlpha.Message.FileName)));
    }

    [Fact]
    public async Task A_submission_between_two_reminders_stops_every_later_message_including_one_waiting_in_the_outbox()
    {
        using var h = new PipelineHarness();
        var ladder = h.Ladder("test.report", "alpha");
        h.StartServiceBefore(At(ladder[0]));
        await h.Cycle().RunAsync(At(ladder[0]), CancellationToken.None);

        // The second reminder is recorded but cannot be sent: the mail server refuses connections.
        var down = h.Cycle(new SmtpMailTransport(new SmtpSettings("127.0.0.1", FreePort.OnLoopback(), SmtpSecurity.None, null, null)));
        var failed = await down.RunAsync(At(ladder[1]), CancellationToken.None);
        Assert.NotEmpty(failed.Failed);
        Assert.Equal(LedgerStatus.Pending, h.Rows("test.report", "alpha").Single(r => r.Kind == "remind" && r.Step == 2).Status);

        var submittedAt = At(ladder[1]) + Duration.FromHours(2);
        h.Store.Submit(new Submission(h.Occurrence("test.report", "alpha").Key, submittedAt, "甲局联络员", null));
        var cycle = h.Cycle();
        foreach (var moment in h.Moments(At(ladder[1]), At(ladder[^1]) + Duration.FromDays(7)).Prepend(At(ladder[1]) + Duration.FromDays(1)))
            await cycle.RunAsync(moment, CancellationToken.None);

        var rows = h.Rows("test.report", "alpha");
        Assert.Equal(LedgerStatus.Cancelled, rows.Single(r => r.Kind == "remind" && r.Step == 2).Status);
        // After the submission only its notice of 办结 (the calendar invitation's cancellation) goes, to whom was told before.
        Assert.DoesNotContain(rows, r => r.Kind != "remind" && r.Kind != NotificationKinds.Done);
        Assert.DoesNotContain(rows, r => r.SentAt > submittedAt && r.Kind != NotificationKinds.Done);
        Assert.Equal(["liaison.alpha@test.example.org"], rows.Where(r => r.Kind == NotificationKinds.Done).Select(r => r.Recipient));
        // The other obligation in the same digest still reaches alpha, without the submitted one.
        Assert.Equal(LedgerStatus.Sent, h.Rows("test.plan", "alpha").Single(r => r.Kind == "remind" && r.Step == 2).Status);
        foreach (var file in h.OutboxFiles())
        {
            var mail = EmlReader.Read(file);
            if (mail.Date.Contains("08 Dec")) continue; // the first reminder, before the submission
            Assert.DoesNotContain("--obligation test.report --unit alpha", mail.Text);
        }
    }

    [Fact]
    public async Task An_extension_moves_the_whole_ladder_to_the_new_due_date()
    {
        using var h = new PipelineHarness();
        var occurrence = h.Occurrence("test.report", "beta");
        var original = h.Planner.Notifications(occurrence);
        var until = occurrence.Due.Date.PlusDays(14);
        var moved = h.Planner.Notifications(h.Planner.Extend(occurrence, until));
        h.StartServiceBefore(At(original[0]));
        h.Store.Extend(new Extension(occurrence.Key, until, "材料补充", At(original[0]) - Duration.FromHours(1)));

        var cycle = h.Cycle();
        foreach (var moment in original.Select(At).Concat(h.Moments(At(original[0]), At(moved[^1]))).Distinct().Order())
            await cycle.RunAsync(moment, CancellationToken.None);

        var sent = h.Rows("test.report", "beta").Where(r => r.Status == LedgerStatus.Sent).ToList();
        Assert.Equal(moved.SelectMany(n => n.Recipients.Select(r => (At(n), r.Email))).Order(),
            sent.Select(r => (r.PlannedSendAt, r.Recipient)).Order());
        Assert.DoesNotContain(sent, r => r.Kind == "urge" && r.PlannedSendAt == At(original.Single(n => n.Kind == NotificationKind.Urge)));
    }

    [Fact]
    public async Task Failed_sends_back_off_exponentially_are_flagged_after_N_attempts_not_retried_again_and_sent_once_the_office_asks()
    {
        using var server = new SmtpServerFixture();
        using var h = new PipelineHarness();
        var options = new PipelineOptions { MaxAttempts = 3, RetryBase = Duration.FromMinutes(5), RetryMax = Duration.FromHours(1) };
        var cycle = h.Cycle(new SmtpMailTransport(new SmtpSettings("127.0.0.1", server.Port, SmtpSecurity.None, null, null)), options);
        var t = At(h.Ladder("test.report", "beta")[0]) + Duration.FromMinutes(30);
        h.StartServiceBefore(t);
        server.Stop();

        var first = await cycle.RunAsync(t, CancellationToken.None);
        // The server is down: the first message fails and the rest of the outbox waits untried, not each after a timeout.
        var probe = Assert.Single(first.Failed).Message;
        Assert.True(h.Store.Waiting().Count(r => r.MessageId != probe.MessageId) > 0, "only one message was due: the test shows nothing");
        Assert.All(h.Store.Waiting().Where(r => r.MessageId != probe.MessageId), r => Assert.Equal(0, r.Attempts));
        Assert.Equal((1, t + Duration.FromMinutes(5)), (Row().Attempts, Row().NextAttemptAt));
        await cycle.RunAsync(t + Duration.FromMinutes(1), CancellationToken.None);
        Assert.Equal(1, Row().Attempts); // not retried before its time
        await cycle.RunAsync(t + Duration.FromMinutes(5), CancellationToken.None);
        Assert.Equal((2, t + Duration.FromMinutes(15)), (Row().Attempts, Row().NextAttemptAt));
        await cycle.RunAsync(t + Duration.FromMinutes(15), CancellationToken.None);
        Assert.Equal((3, LedgerStatus.FailedFlagged), (Row().Attempts, Row().Status));
        var notices = h.Store.Ledger().Where(r => r.Kind == NotificationKinds.Flag).ToList();
        Assert.NotEmpty(notices);
        Assert.All(notices, n => Assert.Equal("liaison.office@test.example.org", n.Recipient));

        server.Start();
        var later = t + Duration.FromHours(2);
        var recovered = await cycle.RunAsync(later, CancellationToken.None);
        Assert.Empty(recovered.Failed);
        // Everything else arrives; the flagged message waits for the office, however late the next evaluations come.
        Assert.All(h.Store.Ledger().Where(r => r.Status != LedgerStatus.Folded && r.MessageId != probe.MessageId), r => Assert.Equal(LedgerStatus.Sent, r.Status));
        await cycle.RunAsync(later + Duration.FromDays(1), CancellationToken.None);
        Assert.Equal((3, LedgerStatus.FailedFlagged), (Row().Attempts, Row().Status));
        Assert.DoesNotContain(server.MessageFiles().Select(EmlReader.Read), m => m.MessageId == $"<{probe.MessageId}>");
        var retry = ScilitProcess.Run(h.Temp.Path, "retry", "--state", h.Temp["state/compliance.db"], "--all");
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        await cycle.RunAsync(later + Duration.FromDays(1) + Duration.FromMinutes(1), CancellationToken.None);
        Assert.All(h.Store.Ledger().Where(r => r.Status != LedgerStatus.Folded), r => Assert.Equal(LedgerStatus.Sent, r.Status));
        var received = server.MessageFiles().Select(EmlReader.Read).ToList();
        // The id the ledger recorded before the first attempt, once, with what it was about.
        var probed = Assert.Single(received, m => m.MessageId == $"<{probe.MessageId}>");
        Assert.Equal(probe.To, probed.To);
        Assert.Contains(h.Set.ObligationsById[Row().Key.ObligationId].Title, probed.Text);
        Assert.Equal(received.Count, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(notices.Count, received.Count(m => m.To == "liaison.office@test.example.org" && m.Subject.Contains("未能送达")));

        LedgerRow Row() => h.Store.Message(probe.MessageId).First();
    }
}
