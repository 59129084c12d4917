using SciLiteracy.Compliance.Notifications.Pipeline.Stages;
using NodaTime;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Notifications.Mail;

/// <summary>
/// How the pipeline tells send failures apart, against a real SMTP server (aiosmtpd) that refuses, defers, drops or restarts:
/// each failure touches only its own message, a refusal for good is never retried, a lost reply is retried once.
/// </summary>
public sealed class SmtpDeliveryTests
{
    private const string Office = "liaison.office@test.example.org";

    private static List<CheckedEmail> Received(SmtpServerFixture server) => EmlCheck.Run(server.MessageFiles()).ToList();

    private static bool IsFailureNotice(CheckedEmail m) => EmlCheck.Address(m.To) == Office && m.Subject.Contains("未能送达");

    private static int CountTo(IEnumerable<CheckedEmail> received, string address) => received.Count(m => EmlCheck.Address(m.To) == address);

    [Fact]
    public async Task One_recipient_of_ten_refused_with_550_fails_only_its_row_the_office_hears_the_reply_at_once_and_it_is_never_retried()
    {
        var refused = MailRules.Liaison(4);
        using var server = new SmtpServerFixture(new SmtpServerFaults { Refuse = [refused] });
        using var p = new MailPipeline(server, units: 10);

        var outcome = await p.Cycle.RunAsync(p.FirstReminder, CancellationToken.None);

        var received = Received(server);
        foreach (var unit in Enumerable.Range(1, 10).Where(u => u != 4))
            Assert.Equal(1, CountTo(received, MailRules.Liaison(unit)));
        Assert.Equal(0, CountTo(received, refused));
        var row = p.Reminder(4);
        Assert.Equal((LedgerStatus.FailedFlagged, 1, (Instant?)null), (row.Status, row.Attempts, row.NextAttemptAt));
        Assert.Contains("550", row.LastError);
        Assert.Contains("User unknown in virtual mailbox table", row.LastError);
        Assert.Equal(9, outcome.Sent.Count(m => m.Message.To != Office));
        // The office is told in the same cycle, with the server's reply and how to send it again.
        var notice = Assert.Single(received, IsFailureNotice);
        var text = EmlReader.Read(notice.File).Text;
        Assert.Contains(refused, text);
        Assert.Contains("User unknown in virtual mailbox table", text);
        Assert.Contains($"scilit retry --message {row.MessageId}", text);

        // Not again: not at its would-be backoff, not hours or days later.
        foreach (var later in new[] { Duration.FromMinutes(5), Duration.FromHours(1), Duration.FromHours(7), Duration.FromDays(2) })
            await p.Cycle.RunAsync(p.FirstReminder + later, CancellationToken.None);
        Assert.Single(server.RecipientCommands(), c => c.Address == refused);
        Assert.Equal((LedgerStatus.FailedFlagged, 1), (p.Reminder(4).Status, p.Reminder(4).Attempts));
        Assert.Null(p.Cycle.NextRetryAt());
    }

    [Fact]
    public async Task A_recipient_deferred_with_451_is_tried_again_after_its_backoff_and_delivered_once()
    {
        var deferred = MailRules.Liaison(2);
        using var server = new SmtpServerFixture(new SmtpServerFaults { DeferOnce = [deferred] });
        using var p = new MailPipeline(server, units: 3);

        await p.Cycle.RunAsync(p.FirstReminder, CancellationToken.None);
        var row = p.Reminder(2);
        Assert.Equal((LedgerStatus.Pending, 1, p.FirstReminder + Duration.FromMinutes(5)), (row.Status, row.Attempts, row.NextAttemptAt));
        Assert.Contains("451", row.LastError);
        Assert.Equal(1, CountTo(Received(server), MailRules.Liaison(3))); // the next message went on

        await p.Cycle.RunAsync(p.FirstReminder + Duration.FromMinutes(5), CancellationToken.None);
        Assert.Equal(LedgerStatus.Sent, p.Reminder(2).Status);
        var received = Received(server);
        Assert.Equal(1, CountTo(received, deferred));
        Assert.Equal([451, 250], server.RecipientCommands().Where(c => c.Address == deferred).Select(c => c.Code));
        Assert.DoesNotContain(received, IsFailureNotice); // a temporary refusal is no news for the office
    }

    [Fact]
    public async Task A_connection_closed_after_the_data_before_the_reply_is_retried_once_delivered_once_and_counted_as_a_possible_duplicate()
    {
        var dropped = MailRules.Liaison(3);
        using var server = new SmtpServerFixture(new SmtpServerFaults { DropOnce = [dropped] });
        using var p = new MailPipeline(server, units: 5);

        await p.Cycle.RunAsync(p.FirstReminder, CancellationToken.None);
        var row = p.Reminder(3);
        Assert.Equal(LedgerStatus.Pending, row.Status);
        Assert.StartsWith(SendStage.PossibleDuplicate, row.LastError);
        // The other recipients of the same cycle are delivered, on a new connection after the lost one.
        foreach (var unit in new[] { 1, 2, 4, 5 }) Assert.Equal(1, CountTo(Received(server), MailRules.Liaison(unit)));

        var retry = await p.Cycle.RunAsync(p.FirstReminder + Duration.FromMinutes(5), CancellationToken.None);
        Assert.Equal(1, CountTo(Received(server), dropped));
        Assert.Equal(LedgerStatus.Sent, p.Reminder(3).Status);
        Assert.StartsWith(SendStage.PossibleDuplicate, p.Reminder(3).LastError); // the ledger counts it
        Assert.True(Assert.Single(retry.Sent).PossibleDuplicate);
    }

    [Fact]
    public async Task A_second_lost_reply_flags_the_message_it_is_not_sent_a_third_time_and_scilit_retry_sends_it()
    {
        using var server = new SmtpServerFixture();
        using var p = new MailPipeline(server, units: 1);
        server.Misbehave(SmtpFault.DropMidData);
        int Transmissions() => server.FaultEvents().Count(e => e.Event == "dropped " + MailRules.Liaison(1));

        await p.Cycle.RunAsync(p.FirstReminder, CancellationToken.None);
        await p.Cycle.RunAsync(p.FirstReminder + Duration.FromMinutes(5), CancellationToken.None);
        Assert.Equal(2, Transmissions());
        Assert.Equal(LedgerStatus.FailedFlagged, p.Reminder(1).Status);
        foreach (var later in new[] { Duration.FromMinutes(15), Duration.FromHours(3), Duration.FromDays(1) })
            await p.Cycle.RunAsync(p.FirstReminder + later, CancellationToken.None);
        Assert.Equal(2, Transmissions());

        server.Start();
        var list = ScilitProcess.Run(p.Temp.Path, "retry", "--state", p.Temp["state/compliance.db"], "--list");
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains(p.Reminder(1).MessageId!, list.Stdout);
        var retry = ScilitProcess.Run(p.Temp.Path, "retry", "--state", p.Temp["state/compliance.db"], "--message", p.Reminder(1).MessageId!);
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        Assert.Contains("1 message(s) to be sent again", retry.Stdout);
        await p.Cycle.RunAsync(p.FirstReminder + Duration.FromDays(1) + Duration.FromMinutes(1), CancellationToken.None);
        Assert.Equal(1, CountTo(Received(server), MailRules.Liaison(1)));
        Assert.Equal(LedgerStatus.Sent, p.Reminder(1).Status);
    }

    [Fact]
    public async Task The_server_restarted_in_the_middle_of_a_cycle_loses_nothing()
    {
        using var server = new SmtpServerFixture();
        using var p = new MailPipeline(server, units: 60);

        var cycle = p.Cycle.RunAsync(p.FirstReminder, CancellationToken.None);
        await Until(() => server.MessageFiles().Count >= 15 || cycle.IsCompleted, TimeSpan.FromMinutes(2));
        Assert.False(cycle.IsCompleted, "all 60 messages went before the restart: the test shows nothing");
        server.Stop();
        server.Start();
        await cycle;
        // The retries of the next evaluations, as the worker runs them when each backoff ends.
        for (var i = 0; i < 10 && p.Cycle.NextRetryAt() is { } next; i++)
            await p.Cycle.RunAsync(next, CancellationToken.None);

        var received = Received(server);
        var rows = Enumerable.Range(1, 60).Select(p.Reminder).ToList();
        Assert.All(rows, r => Assert.Equal(LedgerStatus.Sent, r.Status));
        foreach (var r in rows)
        {
            var copies = CountTo(received, r.Recipient);
            var possibleDuplicate = r.LastError?.StartsWith(SendStage.PossibleDuplicate, StringComparison.Ordinal) == true;
            Assert.True(copies == 1 || (copies == 2 && possibleDuplicate), $"{r.Recipient}: {copies} copies; ledger: {r.LastError}");
        }
    }

    private static async Task Until(Func<bool> condition, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not reached within {bound}");
            await Task.Delay(10);
        }
    }
}
