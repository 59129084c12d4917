using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;
using IcalCalendar = Ical.Net.Calendar;

namespace SciLiteracy.Compliance.Tests.Notifications.Calendar;

/// <summary>
/// The .ics files of the emails, read back from the .eml files by two independent parsers (Ical.Net and Debian's
/// python3-icalendar): one event per occurrence, updated by an extension and cancelled by 办结, each exactly once.
/// </summary>
public sealed class CalendarInviteTests
{
    private static Instant At(PlannedNotification n) => n.SendAt.ToInstant();

    private static string Liaison => "liaison.beta@test.example.org";

    private static List<string> FilesTo(PipelineHarness h, CycleOutcome outcome, string to) =>
        outcome.Sent.Where(m => m.Message.To == to).Select(m => Path.Combine(h.Pickup.Folder, m.Message.FileName)).ToList();

    [Fact]
    public async Task A_reminder_carries_an_all_day_event_an_extension_updates_it_and_the_submission_cancels_it_once()
    {
        using var h = new PipelineHarness();
        var occurrence = h.Occurrence("test.report", "beta");
        var ladder = h.Planner.Notifications(occurrence);
        h.StartServiceBefore(At(ladder[0]));
        var cycle = h.Cycle();

        // The first reminder: REQUEST, sequence 0, on the due date, with an alarm.
        var first = IcsReader.Read([.. FilesTo(h, await cycle.RunAsync(At(ladder[0]), CancellationToken.None), Liaison)]);
        var invite = Assert.Single(first);
        Assert.Equal(("REQUEST", 0, "CONFIRMED", true), (invite.Method, invite.Sequence, invite.Status, invite.AllDay));
        Assert.Equal(occurrence.Due.Date.ToString("yyyy-MM-dd", null), invite.Start);
        Assert.Equal("test.report/beta/2025@localhost", invite.Uid);
        Assert.Equal(["-PT15H"], invite.Alarms);
        Assert.Contains("年度实施情况报告", invite.Summary);
        Assert.StartsWith("text/calendar", invite.ContentType);
        Assert.Contains("method=REQUEST", invite.ContentType.Replace("\"", ""));

        // An extension moves the due date: the next reminder updates the same event with a higher sequence.
        var until = occurrence.Due.Date.PlusDays(21);
        h.Store.Extend(new Extension(occurrence.Key, until, "材料补充", At(ladder[0]) + Duration.FromHours(2)));
        var moved = h.Planner.Notifications(h.Planner.Extend(occurrence, until));
        var secondReminder = moved.Single(n => n.Kind == NotificationKind.Remind && n.Step == 2);
        var updated = Assert.Single(IcsReader.Read([.. FilesTo(h, await cycle.RunAsync(At(secondReminder), CancellationToken.None), Liaison)]));
        Assert.Equal((invite.Uid, "REQUEST", until.ToString("yyyy-MM-dd", null)), (updated.Uid, updated.Method, updated.Start));
        Assert.True(updated.Sequence > invite.Sequence, $"sequence {updated.Sequence} after the extension, {invite.Sequence} before");

        // 办结: a notice with the cancellation of the same event, above every sequence sent; once only.
        var submittedAt = At(secondReminder) + Duration.FromHours(3);
        h.Store.Submit(new Submission(occurrence.Key, submittedAt, "乙局联络员", null));
        var done = await cycle.RunAsync(submittedAt + Duration.FromHours(1), CancellationToken.None);
        var notice = Assert.Single(done.Sent, m => m.Message.To == Liaison);
        Assert.All(notice.Rows, r => Assert.Equal(NotificationKinds.Done, r.Kind));
        Assert.Contains("已办结", notice.Message.Subject);
        var cancel = Assert.Single(IcsReader.Read(Path.Combine(h.Pickup.Folder, notice.Message.FileName)));
        Assert.Equal((invite.Uid, "CANCEL", "CANCELLED"), (cancel.Uid, cancel.Method, cancel.Status));
        Assert.True(cancel.Sequence > updated.Sequence, $"cancellation's sequence {cancel.Sequence}, the update's {updated.Sequence}");
        // Only those who were sent an invitation hear of its cancellation, and the next cycles send nothing more.
        Assert.DoesNotContain(done.Sent, m => m.Message.To == "head.beta@test.example.org");
        Assert.DoesNotContain((await cycle.RunAsync(submittedAt + Duration.FromDays(1), CancellationToken.None)).Sent, m => m.Rows.Any(r => r.Key == occurrence.Key));
        Assert.DoesNotContain((await h.Cycle().RunAsync(At(moved[^1]), CancellationToken.None)).Sent, m => m.Rows.Any(r => r.Key == occurrence.Key));
        Assert.Single(h.Rows("test.report", "beta"), r => r.Kind == NotificationKinds.Done);

        // Every file: CRLF lines of at most 75 octets, and Ical.Net reads back what python3-icalendar read.
        foreach (var ics in new[] { invite, updated, cancel })
        {
            Assert.True(ics.LongestLineOctets <= 75, $"a line of {ics.LongestLineOctets} octets in\n{ics.Text}");
            Assert.False(ics.BareLineFeed);
            var e = Assert.Single(IcalCalendar.Load(ics.Text)!.Events);
            Assert.Equal((ics.Uid, ics.Sequence, ics.Summary, true), (e.Uid, e.Sequence, e.Summary, e.IsAllDay));
            Assert.Equal(ics.Method, IcalCalendar.Load(ics.Text)!.Method);
        }
    }

    [Fact]
    public async Task A_digest_of_two_occurrences_carries_one_invitation_for_each_and_a_folded_long_text_stays_within_75_octets()
    {
        // A unit name long enough that SUMMARY and DESCRIPTION must fold, in the middle of multi-byte characters.
        using var h = new PipelineHarness(yaml => yaml.Replace("name: 甲局, kind: member", "name: 甲局（全民科学素质行动规划纲要实施工作领导小组成员单位）, kind: member"));
        var ladder = h.Ladder("test.plan", "alpha");
        h.StartServiceBefore(At(ladder[0]));

        var outcome = await h.Cycle().RunAsync(At(ladder[0]), CancellationToken.None);

        var invites = IcsReader.Read([.. FilesTo(h, outcome, "liaison.alpha@test.example.org")]);
        Assert.Equal(["test.plan/alpha/2025@localhost", "test.report/alpha/2025@localhost"], invites.Select(i => i.Uid).Order(StringComparer.Ordinal));
        Assert.Equal(2, invites.Select(i => i.FileName).Distinct().Count());
        Assert.All(invites, i => Assert.True(i.LongestLineOctets <= 75, $"a line of {i.LongestLineOctets} octets in\n{i.Text}"));
        Assert.Contains(invites, i => i.Text.Split("\r\n").Any(l => l.StartsWith(' ')));
        Assert.All(invites, i => Assert.Contains("全民科学素质行动规划纲要实施工作领导小组成员单位", i.Summary));
    }
}
