using System.Globalization;
using NodaTime;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;
using Xunit;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Domain.Organization;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>
/// Drill (e): the machine's clock jumps a day forward, then a day back, while the real pipeline runs hourly on a real
/// state file. A forward jump must catch up what it skipped; a backward jump must not send anything again.
/// </summary>
public sealed class ClockJumpDrill
{
    [Fact]
    public async Task A_day_jump_forward_catches_up_and_a_day_jump_back_resends_nothing()
    {
        using var h = new PipelineHarness();
        var zone = h.Set.Directories.Values.First().Jurisdiction.TimeZone;
        var planned = h.Planner.Plan(new LocalDate(2025, 12, 1), new LocalDate(2025, 12, 31))
            .SelectMany(p => p.Notifications.SelectMany(n => n.Recipients.Select(r =>
                (p.Occurrence.Key, Kind: ChineseText.KindName(n.Kind), n.Step, Recipient: r.Email.ToLowerInvariant(), At: n.SendAt.ToInstant()))))
            .ToList();
        // The jump forward skips the moment of one step, which the jump back then passes a second time.
        var skipped = planned.Select(p => p.At).Where(a => a > Local(2025, 12, 2, 0, zone)).Min();
        var beforeJump = skipped - Duration.FromHours(21);

        var clock = new List<Instant>();
        for (var t = Local(2025, 12, 1, 0, zone); t <= beforeJump; t += Duration.FromHours(1)) clock.Add(t);      // normal
        clock.Add(beforeJump + Duration.FromDays(1));                                                              // +1 day
        for (var t = beforeJump + Duration.FromHours(1); t <= Local(2025, 12, 31, 23, zone); t += Duration.FromHours(1))
            clock.Add(t);                                                                                          // −1 day, then normal

        h.Store.Epoch(clock[0]);
        var cycle = h.Cycle();
        foreach (var now in clock) await cycle.RunAsync(now, CancellationToken.None);

        var ledger = h.Store.Ledger().Where(r => r.Kind != NotificationKinds.Summary && r.Kind != NotificationKinds.Flag).ToList();
        var notSent = planned.Where(p => !ledger.Any(r => r.Identity == new LedgerIdentity(p.Key, p.Kind, p.Step, ChannelNames.Email, p.Recipient.ToLowerInvariant()) && r.Status == LedgerStatus.Sent)).ToList();
        var step = planned.First(p => p.At == skipped);
        var caughtUp = ledger.Single(r => r.Identity == new LedgerIdentity(step.Key, step.Kind, step.Step, ChannelNames.Email, step.Recipient.ToLowerInvariant()));
        var sentMessages = h.Store.Ledger().Where(r => r.Status == LedgerStatus.Sent).Select(r => r.MessageId).Distinct().Count();
        var files = h.OutboxFiles().Count;
        DrillReport.Write(string.Create(CultureInfo.InvariantCulture,
            $"clock jump +1 day then -1 day: {clock.Count} hourly cycles, planned {planned.Count}, sent {planned.Count - notSent.Count}, skipped {notSent.Count}, " +
            $"messages {sentMessages}, files {files} (resent {files - sentMessages}); step of {skipped.InZone(zone):MM-dd HH:mm} caught up at {caughtUp.SentAt?.InZone(zone):MM-dd HH:mm}"));

        Assert.NotEmpty(planned);
        Assert.True(notSent.Count == 0, "skipped: " + string.Join(", ", notSent));
        Assert.Equal(beforeJump + Duration.FromDays(1), caughtUp.SentAt);   // caught up at the jump, marked late
        Assert.True(caughtUp.Late);
        Assert.Equal(sentMessages, files);                                  // every message went once, none twice
    }

    private static Instant Local(int year, int month, int day, int hour, DateTimeZone zone) =>
        new LocalDateTime(year, month, day, hour, 0).InZoneLeniently(zone).ToInstant();
}
