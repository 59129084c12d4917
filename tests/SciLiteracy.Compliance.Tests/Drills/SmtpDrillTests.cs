using NodaTime;
using SciLiteracy.Compliance.Notifications.Pipeline;
using Xunit;
using Xunit.Abstractions;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>The process-level drills against a real SMTP server (aiosmtpd), including an outage of the server itself.</summary>
[Collection(WorkerDrillCollection.Name)]
public sealed class SmtpDrillTests(ITestOutputHelper output)
{
    private static readonly LocalDateTime MondayMorning = new(2025, 11, 3, 8, 0); // 2025-11-03 is a Monday

    private static Dictionary<string, string> PointedAt(SmtpServerFixture server) => new()
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp__StartTls"] = "false",
    };

    private static Instant At(int day, int hour) => new LocalDateTime(2025, 11, day, hour, 0).InZoneStrictly(WorkerDrill.Zone).ToInstant();

    private static int CountFor(IEnumerable<string> recipients, string recipient) =>
        recipients.Count(r => string.Equals(r, recipient, StringComparison.OrdinalIgnoreCase));

    [DrillFact]
    public async Task SmtpDownForAWhileThenBackEveryMessageArrivesOnce()
    {
        using var server = new SmtpServerFixture();
        using var drill = new WorkerDrill(MondayMorning, units: 10, server.Maildir, PointedAt(server));

        drill.StartWorker();
        await drill.WaitForVirtual(At(5, 6));                 // down before Wednesday's reminders
        server.Stop();
        await drill.WaitForVirtual(At(6, 12));                // and for a day and a half of retries
        Assert.DoesNotContain(drill.ReceivedRecipients(), r => r.StartsWith("liaison.unit-", StringComparison.Ordinal));
        server.Start();
        await drill.WaitForVirtual(At(10, 6));                // Friday's urges, before Monday's escalations
        var drained = await drill.DrainAsync(At(10, 6), DrainBound);
        var received = drill.ReceivedRecipientsUpTo(At(10, 6));
        drill.StopWorker();

        var planned = drill.Planned(new LocalDate(2025, 11, 3), new LocalDate(2025, 11, 9));
        Assert.Equal(10, planned.Count);
        Assert.True(drained, $"rows of the window still pending {DrainBound} after it");
        output.WriteLine($"{received.Count} message(s) received");
        DrillReport.Write($"smtp down 1.5 days then back: planned {planned.Values.Sum(m => m.Count)}, delivered {received.Count(r => planned.ContainsKey(r))} " +
            $"(each once: {planned.All(p => CountFor(received, p.Key) == p.Value.Count)})");
        foreach (var (recipient, moments) in planned)
            Assert.True(CountFor(received, recipient) == moments.Count,
                $"{recipient}: {CountFor(received, recipient)} message(s) for {moments.Count} planned step(s)\n{drill.WorkerStderr}\n{drill.WorkerStdoutTail()}");
    }

    // One message: each hung attempt takes the whole timeout, and several in a row would outlast the first backoffs.
    [DrillFact]
    public Task SmtpHangsForAWhileThenBackEveryMessageArrivesOnceAndTheRetriesBackOff() =>
        MisbehavingServerDrill(SmtpFault.Hang, "smtp hangs (accepts, then silence; Smtp:Timeout 1 s)", units: 1);

    /// <summary>
    /// A server that reads each message and closes the connection before its reply may have the message: each is sent once
    /// more (a possible duplicate, bounded), never a third time; it is flagged, and after the outage `scilit retry` — the
    /// office asking — sends it, once. The office hears of each flagged message once.
    /// </summary>
    [DrillFact]
    public async Task SmtpDropsTheConnectionAfterTheDataEachMessageIsSentAtMostTwiceThenFlaggedAndScilitRetrySendsItOnce()
    {
        const int units = 5;
        using var server = new SmtpServerFixture();
        using var drill = new WorkerDrill(new LocalDateTime(2025, 11, 5, 7, 0), units, server.Maildir, PointedAt(server), realSecondsPerDay: 180);
        drill.Environment["Compliance__SafetyInterval"] = "00:00:00.100";
        var remindersDue = At(5, 9);
        var recovery = remindersDue + Duration.FromHours(2);
        var planned = drill.Planned(new LocalDate(2025, 11, 5), new LocalDate(2025, 11, 5));
        Assert.Equal(units, planned.Count);

        server.Misbehave(SmtpFault.DropMidData);
        drill.StartWorker();
        await drill.WaitForVirtual(recovery);
        var transmissions = server.FaultEvents().Where(e => e.Event.StartsWith("dropped ", StringComparison.Ordinal))
            .GroupBy(e => e.Event["dropped ".Length..].ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());
        server.Start();
        await drill.WaitForVirtual(recovery + Duration.FromMinutes(30));
        Assert.Empty(drill.ReceivedRecipients()); // flagged messages wait for the office, not for a timer
        var retry = ScilitProcess.Run(drill.Root, "retry", "--state", drill.StateFile, "--all");
        Assert.True(retry.ExitCode == 0, retry.Stderr);
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (drill.ReceivedRecipients().Count(planned.ContainsKey) < units && DateTime.UtcNow < deadline) await Task.Delay(50);
        await drill.WaitForVirtual(recovery + Duration.FromHours(1));
        drill.StopWorker();

        var received = drill.ReceivedMessages();
        var recipients = received.SelectMany(m => m.To).ToList();
        var notices = received.Count(m => !m.To.Any(planned.ContainsKey));
        DrillReport.Write($"smtp drops the connection after DATA, before its reply, for 2 h: planned {planned.Values.Sum(m => m.Count)}, " +
            $"transmissions per message during the outage {string.Join(", ", planned.Keys.Select(r => transmissions.GetValueOrDefault(r.ToLowerInvariant())))}, " +
            $"delivered after `scilit retry` {recipients.Count(planned.ContainsKey)}, failure notices to the office {notices}");
        foreach (var recipient in planned.Keys)
        {
            Assert.True(transmissions.GetValueOrDefault(recipient.ToLowerInvariant()) == 2,
                $"{recipient}: {transmissions.GetValueOrDefault(recipient.ToLowerInvariant())} transmission(s) to the dropping server, expected 2\n{drill.WorkerStderr}");
            Assert.Equal(1, CountFor(recipients, recipient));
        }
        Assert.Equal(units, notices);
    }

    /// <summary>
    /// Wednesday's reminders meet a server that fails in the given way for two hours, then the real one again. On a clock
    /// slow enough (a day in 3 min) that the first retries, 5 min apart, are far apart in real time too, and with a safety
    /// evaluation every 0.1 s (48 s of virtual time), so that retries come when their backoff ends, not on a coarser tick.
    /// </summary>
    private async Task MisbehavingServerDrill(SmtpFault fault, string name, int units)
    {
        using var server = new SmtpServerFixture();
        using var drill = new WorkerDrill(new LocalDateTime(2025, 11, 5, 7, 0), units, server.Maildir, PointedAt(server), realSecondsPerDay: 180);
        drill.Environment["Compliance__SafetyInterval"] = "00:00:00.100";
        drill.Environment["Smtp__Timeout"] = "00:00:01"; // 8 min of virtual time: a hung attempt stays shorter than most backoffs
        var remindersDue = At(5, 9);
        var recovery = remindersDue + Duration.FromHours(2);
        var end = remindersDue + Duration.FromMinutes(200); // the last retry before recovery plus its 80 min backoff, and room to spare
        var planned = drill.Planned(new LocalDate(2025, 11, 5), new LocalDate(2025, 11, 5));
        Assert.Equal(units, planned.Count);

        server.Misbehave(fault);
        drill.StartWorker();
        await drill.WaitForVirtual(At(5, 8) + Duration.FromMinutes(50)); // the worker has opened its state file by now
        await using var watch = new AttemptWatch(drill);
        await drill.WaitForVirtual(recovery);
        var connections = server.FaultEvents().Count(e => e.Event == "connect");
        server.Start();
        await drill.WaitForVirtual(end);
        drill.StopWorker();
        var attempts = await watch.StopAsync();

        var received = drill.ReceivedMessages();
        var recipients = received.SelectMany(m => m.To).ToList();
        var twice = received.GroupBy(m => m.MessageId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var failureNotices = received.Count(m => !m.To.Any(planned.ContainsKey));
        var reminders = attempts.Where(a => planned.ContainsKey(a.Recipients)).ToList();
        Assert.Equal(units, reminders.Count);
        var failed = reminders.Select(a => a.Moments.Count(t => t < recovery)).ToList();
        var gaps = reminders.Select(a => a.Moments.Zip(a.Moments.Skip(1), (x, y) => (y - x).TotalMinutes).ToList()).ToList();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        DrillReport.Write(string.Create(invariant,
            $"{name} for 2 h, then back: planned {planned.Values.Sum(m => m.Count)}, delivered {recipients.Count(planned.ContainsKey)}, twice {twice.Count}; " +
            $"{failed.Min()}-{failed.Max()} failed attempts per message, minutes between attempts {string.Join(", ", gaps[0].Select(m => m.ToString("F0", invariant)))}; " +
            $"{connections} connections to the failing server; failure notices to the office {failureNotices}"));

        foreach (var (recipient, moments) in planned)
            Assert.True(CountFor(recipients, recipient) == moments.Count,
                $"{recipient}: {CountFor(recipients, recipient)} message(s) for {moments.Count} planned step(s)\n{drill.WorkerStderr}");
        Assert.True(twice.Count == 0, $"delivered more than once: {string.Join(", ", twice)}");
        // The office hears of each message that failed MaxAttempts times, once.
        Assert.Equal(reminders.Count(a => a.Attempts - 1 >= new PipelineOptions().MaxAttempts), failureNotices);
        foreach (var (reminder, waits) in reminders.Zip(gaps))
        {
            var described = $"{reminder.Recipients}: attempts recorded at {string.Join(", ", reminder.Moments.Select(t => t.InZone(WorkerDrill.Zone).TimeOfDay))}";
            // A worker stuck on a silent server would make one attempt and no more.
            Assert.True(reminder.Moments.Count(t => t < recovery) >= 4, $"fewer than 4 failed attempts in the 2 h outage; {described}");
            // Backing off: each wait half as long again as the one two before, and the last three times the first. Two
            // doublings apart, so that one attempt noted late on a busy machine (it shortens the next wait) does not matter.
            Assert.True(waits.Zip(waits.Skip(2)).All(w => w.Second >= 1.5 * w.First) && waits[^1] >= 3 * waits[0], $"the retries do not back off; {described}");
        }
    }

    // 4 s a day: a restarted worker (up to 1 s later, then 2-3 s to start on a loaded machine) must be up before the next
    // send moment two days on; a worker down across a step sends only the later step by design, which would read as missing.
    [DrillFact]
    public Task KilledTenTimesWhileSendingOverSmtpNothingIsMissingAndDuplicatesAreAtMostOnePerKill() =>
        KillDrill("kill (fast)", kills: 10, units: 30, realSecondsPerDay: 4);

    // 100 units × 26 steps = 2,600 notifications. A burst of 100 messages takes about 5 s over SMTP (a connection per
    // message to aiosmtpd), so 8 s a day leaves a restarted worker time to finish it before the next moment, 2 days on.
    [LongDrillFact]
    public Task KilledDuringABurstOfThousandsOfMessagesNothingIsMissingAndDuplicatesAreAtMostOnePerKill() =>
        KillDrill("kill (long)", kills: 25, units: 100, realSecondsPerDay: 8);

    /// <summary>
    /// kill -9 of `scilit run` at <paramref name="kills"/> send moments, then a drain and the count: nothing missing, at most
    /// one duplicate per kill. Over SMTP to aiosmtpd, or (<paramref name="overSmtp"/> false) into the pickup folder.
    /// </summary>
    internal async Task KillDrill(string name, int kills, int units, double realSecondsPerDay, bool overSmtp = true)
    {
        using var server = overSmtp ? new SmtpServerFixture() : null;
        using var drill = server is null
            ? new WorkerDrill(MondayMorning, units, realSecondsPerDay: realSecondsPerDay)
            : new WorkerDrill(MondayMorning, units, server.Maildir, PointedAt(server), realSecondsPerDay);
        var end = drill.StartAt + Duration.FromDays(kills <= 10 ? 27 : 62); // a Sunday: a day clear of any send moment
        var planned = drill.Planned(new LocalDate(2025, 11, 3), end.InZone(WorkerDrill.Zone).Date);
        foreach (var moments in planned.Values) moments.RemoveWhere(m => m < drill.StartAt || m > end);
        var sendMoments = planned.Values.SelectMany(m => m).Distinct().Order().ToList();
        Assert.True(sendMoments.Count >= kills, $"only {sendMoments.Count} send moments for {kills} kills");
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        drill.StartWorker();
        await drill.KillAtAsync(sendMoments.Take(kills), random);
        await drill.WaitForVirtual(end);
        var atEnd = drill.ReceivedRecipientsUpTo(end);
        var drained = await drill.DrainAsync(end, DrainBound);
        var count = WorkerDrill.Count(planned, atEnd, drill.ReceivedRecipientsUpTo(end));
        drill.StopWorker();
        var numbered = EscalationNumbersAreGapFree(drill.StateFile);

        DrillReport.Write(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{name}: {kills} kill -9 of `scilit run` (seed {seed}) while sending {(overSmtp ? "to aiosmtpd" : "into the pickup folder")}; {count} (limit {kills}), {numbered} 督办单 numbered gap-free, " +
            $"{(drained ? "drained" : $"NOT drained within {DrainBound.TotalSeconds:F0} s")}, {clock.Elapsed.TotalSeconds:F0} s"));
        Assert.True(count.Missing == 0, $"missing after the drain ({count}):\n" + string.Join('\n', count.MissingDetail) +
            $"\nplanned for {planned.Keys.First()}: {string.Join(", ", planned.Values.First())}\nreceived:\n{drill.DescribeReceived(planned.Keys.First())}");
        Assert.InRange(count.Duplicates, 0, kills);
    }

    /// <summary>
    /// Every escalation the killed workers recorded (a step with a row not folded) has exactly one 督办单 number, and each
    /// series runs 1, 2, … N without a gap or a repeat: the number is given in the transaction that records the rows.
    /// </summary>
    private static int EscalationNumbersAreGapFree(string stateFile)
    {
        var store = TestState.Open(stateFile);
        var numbers = store.EscalationNumbers();
        var escalations = store.Ledger().Where(r => r.Kind == "escalate" && r.Status != SciLiteracy.Compliance.State.LedgerStatus.Folded)
            .Select(r => $"{r.Key}#{r.Step}").Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(escalations);
        Assert.Equal(escalations, numbers.Select(n => $"{n.Key}#{n.Step}").Order(StringComparer.Ordinal));
        foreach (var series in numbers.GroupBy(n => n.Series))
            Assert.Equal(Enumerable.Range(1, series.Count()), series.Select(n => n.Number).Order());
        return numbers.Count;
    }

    /// <summary>How long a drill waits after its window for the worker to send what is still pending before it counts.</summary>
    public static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(90);
}
