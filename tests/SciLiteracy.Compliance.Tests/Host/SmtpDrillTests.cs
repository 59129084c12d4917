using NodaTime;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SciLiteracy.Compliance.Tests.Host;

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
        drill.StopWorker();

        var planned = drill.Planned(new LocalDate(2025, 11, 3), new LocalDate(2025, 11, 9));
        Assert.Equal(10, planned.Count);
        var received = drill.ReceivedRecipients();
        output.WriteLine($"{received.Count} message(s) received");
        foreach (var (recipient, moments) in planned)
            Assert.True(CountFor(received, recipient) == moments.Count,
                $"{recipient}: {CountFor(received, recipient)} message(s) for {moments.Count} planned step(s)\n{drill.WorkerStderr}");
    }

    [DrillFact]
    public async Task KilledWhileSendingOverSmtpNothingIsMissingAndDuplicatesAreAtMostOnePerKill()
    {
        const int kills = 10;
        using var server = new SmtpServerFixture();
        using var drill = new WorkerDrill(MondayMorning, units: 30, server.Maildir, PointedAt(server));
        var end = drill.StartAt + Duration.FromDays(27); // a Sunday: a day clear of any send moment
        var planned = drill.Planned(new LocalDate(2025, 11, 3), end.InZone(WorkerDrill.Zone).Date);
        foreach (var moments in planned.Values) moments.RemoveWhere(m => m < drill.StartAt || m > end);
        var sendMoments = planned.Values.SelectMany(m => m).Distinct().Order().ToList();
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);

        drill.StartWorker();
        foreach (var moment in sendMoments.Take(kills))
        {
            await drill.WaitForVirtual(moment);
            await Task.Delay(random.Next(0, 400));
            drill.KillWorker();
            await Task.Delay(random.Next(0, 1000));
            drill.StartWorker();
        }
        await drill.WaitForVirtual(end);
        drill.StopWorker();

        var received = drill.ReceivedRecipients();
        var missing = planned.Where(p => CountFor(received, p.Key) < p.Value.Count)
            .Select(p => $"{p.Key}: {CountFor(received, p.Key)} of {p.Value.Count}").ToList();
        Assert.True(missing.Count == 0, "missing at the SMTP server:\n" + string.Join('\n', missing) +
            $"\nplanned for {planned.Keys.First()}: {string.Join(", ", planned.Values.First())}\nreceived:\n{drill.DescribeReceived(planned.Keys.First())}");
        var duplicates = planned.Sum(p => CountFor(received, p.Key) - p.Value.Count);
        output.WriteLine($"{duplicates} duplicate(s) after {kills} kills");
        Assert.InRange(duplicates, 0, kills);
    }
}
