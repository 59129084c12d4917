using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Tests.Notifications.Channels;

/// <summary>
/// A channel added without touching src/: it lives in this test project, registers as one more
/// <see cref="INotificationChannel"/>, and people.yaml gives its addresses (`channels: chat: …`). Its messages travel
/// through the whole worker (Quartz, the ledger, the pipeline) exactly once per ledger row across a kill and restart.
///
/// The kill is of the host in-process, not of a `scilit run` process: a process cannot load a channel that exists only in
/// the test assembly without a plugin mechanism the service does not have. The channel hangs after taking a message and
/// the host is stopped while it hangs, which leaves that message's rows recorded but not marked sent: the moment a
/// SIGKILL after delivery leaves behind. The process-level kill drills (Drills/) cover the email channel.
/// </summary>
public sealed class ChannelExactlyOnceTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task A_channel_that_exists_only_in_the_tests_gets_its_messages_with_exactly_once_ledger_rows_across_a_kill_and_restart()
    {
        using var temp = new TempDir();
        var rules = TestRules.CopyXunwu(temp);
        // Every person also has an address on the chat channel: chat.<their email's local part>.
        var people = Path.Combine(rules, "xunwu", "people.yaml");
        File.WriteAllText(people, Regex.Replace(File.ReadAllText(people), @"^(\s+)email: ([^@\s]+)@(\S+)$",
            m => $"{m.Value}\n{m.Groups[1].Value}channels:\n{m.Groups[1].Value}  chat: chat.{m.Groups[2].Value}", RegexOptions.Multiline));
        var inbox = temp["chat-inbox.txt"];
        var settings = DrivenWorker.Settings(temp, rules);
        var start = new DateTimeOffset(2025, 11, 20, 8, 0, 0, Shanghai);
        var end = new DateTimeOffset(2025, 11, 24, 23, 0, 0, Shanghai);

        var hanging = new InboxChannel(inbox, hangAfter: 5);
        var first = await DrivenWorker.StartAsync(settings, start, s => s.AddSingleton<INotificationChannel>(hanging));
        var run = first.RunUntilAsync(end);
        await Task.WhenAny(hanging.Hanging.Task, run).WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(hanging.Hanging.Task.IsCompleted, "the chat channel never reached its fifth message");
        var killedAt = first.Time.GetUtcNow();
        await first.DisposeAsync();   // the host stops while the channel hangs: the fifth message is taken, its rows not marked sent
        try { await run; } catch (Exception) { /* the driven clock stops with the host */ }

        var afterKill = TestState.Open(temp["state/compliance.db"]).Ledger().Where(r => r.Channel == InboxChannel.ChannelName).ToList();
        Assert.Contains(afterKill, r => r.Status == LedgerStatus.Pending);

        await using (var second = await DrivenWorker.StartAsync(settings, killedAt, s => s.AddSingleton<INotificationChannel>(new InboxChannel(inbox))))
            await second.RunUntilAsync(end);

        var ledger = TestState.Open(temp["state/compliance.db"]).Ledger();
        var chat = ledger.Where(r => r.Channel == InboxChannel.ChannelName).ToList();
        Assert.True(chat.Count > 5, $"only {chat.Count} chat rows");
        Assert.All(chat, r => Assert.StartsWith("chat.", r.Recipient));
        Assert.Equal(chat.Count, chat.Select(r => r.Identity).Distinct().Count());
        var sent = chat.Where(r => r.Status == LedgerStatus.Sent).ToList();
        Assert.Equal(chat.Where(r => r.Status != LedgerStatus.Folded && r.Status != LedgerStatus.Cancelled).Count(), sent.Count);
        // Every message the ledger says was sent arrived; the one taken just before the kill may have arrived twice, nothing else.
        var arrived = InboxChannel.Read(inbox);
        Assert.Equal(sent.Select(r => r.MessageId!).ToHashSet(), arrived.Select(a => a.MessageId).ToHashSet());
        Assert.True(arrived.Count - arrived.Select(a => a.MessageId).Distinct().Count() <= 1, "more than the one message in flight at the kill arrived twice");
        // The email channel carried the same notifications beside it, each to the person's email address.
        var email = ledger.Where(r => r.Channel == "email" && r.Status == LedgerStatus.Sent).Select(r => (r.Key, r.Kind, r.Step)).ToHashSet();
        Assert.Superset(sent.Select(r => (r.Key, r.Kind, r.Step)).ToHashSet(), email);
    }
}
