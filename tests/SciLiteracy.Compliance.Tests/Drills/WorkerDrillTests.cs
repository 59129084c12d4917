using NodaTime;
using Xunit;
using Xunit.Abstractions;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>
/// The issue's process-level drills: the real `scilit run` killed, stopped and restarted on a virtual clock.
/// Messages are read back from the pickup folder here; pointed at the test SMTP server (WorkerDrill's mailFolder
/// and mailEnvironment) they check the SMTP path the same way.
/// </summary>
[Collection(WorkerDrillCollection.Name)]
public sealed class WorkerDrillTests(ITestOutputHelper output)
{
    private static readonly LocalDateTime MondayMorning = new(2025, 11, 3, 8, 0); // 2025-11-03 is a Monday

    [Fact]
    public void DrillRulesValidateAndTheirStepsAreDaysApart()
    {
        using var drill = new WorkerDrill(MondayMorning, units: 3);
        var planned = drill.Planned(new LocalDate(2025, 11, 3), new LocalDate(2025, 11, 30));

        Assert.Equal(3, planned.Count);
        foreach (var moments in planned.Values)
        {
            Assert.All(moments, m => Assert.Equal(new LocalTime(9, 0), m.InZone(WorkerDrill.Zone).TimeOfDay));
            // One message per moment only holds while a restart never spans two of them.
            Assert.All(moments.Zip(moments.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Duration.FromDays(2)));
        }
    }

    // The SMTP kill drill (SmtpDrillTests) is the fast CI form; this pickup-folder form runs with the long drills.
    [LongDrillFact]
    public async Task KilledAtRandomMomentsWhileSendingNothingIsMissingAndDuplicatesAreAtMostOnePerKill()
    {
        const int kills = 10;
        using var drill = new WorkerDrill(MondayMorning, units: 30);
        var end = drill.StartAt + Duration.FromDays(27); // a Sunday: a day clear of any send moment
        var planned = drill.Planned(new LocalDate(2025, 11, 3), end.InZone(WorkerDrill.Zone).Date);
        foreach (var moments in planned.Values) moments.RemoveWhere(m => m < drill.StartAt || m > end);
        var sendMoments = planned.Values.SelectMany(m => m).Distinct().Order().ToList();
        Assert.True(sendMoments.Count >= kills, $"only {sendMoments.Count} send moments for {kills} kills");
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);

        drill.StartWorker();
        foreach (var moment in sendMoments.Take(kills))
        {
            await drill.WaitForVirtual(moment);
            await Task.Delay(random.Next(0, 400)); // while the messages of this moment are going out
            drill.KillWorker();
            await Task.Delay(random.Next(0, 1000));
            drill.StartWorker();
        }
        await drill.WaitForVirtual(end);
        drill.StopWorker();

        var received = drill.ReceivedRecipients().GroupBy(r => r, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var missing = planned.Where(p => received.GetValueOrDefault(p.Key) < p.Value.Count)
            .Select(p => $"{p.Key}: {received.GetValueOrDefault(p.Key)} of {p.Value.Count}").ToList();
        Assert.True(missing.Count == 0, "missing messages:\n" + string.Join('\n', missing) +
            $"\nplanned for {planned.Keys.First()}: {string.Join(", ", planned.Values.First())}\nreceived:\n{drill.DescribeReceived(planned.Keys.First())}");
        var duplicates = planned.Sum(p => received.GetValueOrDefault(p.Key) - p.Value.Count);
        Assert.InRange(duplicates, 0, kills);
    }

    [DrillFact]
    public async Task DownAcrossADueDateTheMissedStepsAreSentOnceOnRestart()
    {
        using var drill = new WorkerDrill(MondayMorning, units: 5);
        LocalDateTime Local(int day, int hour) => new(2025, 11, day, hour, 0);
        Instant At(LocalDateTime local) => local.InZoneStrictly(WorkerDrill.Zone).ToInstant();

        drill.StartWorker();
        await drill.WaitForVirtual(At(Local(5, 21)));          // Wednesday's reminder is out
        drill.StopWorker();
        var beforeDowntime = drill.ReceivedRecipients();
        await drill.WaitForVirtual(At(Local(10, 12)));         // down across Friday's urge and Monday's escalation
        drill.StartWorker();
        await drill.WaitForVirtual(At(Local(11, 21)));         // catch-up done; Wednesday 12th not yet reached
        drill.StopWorker();

        var planned = drill.Planned(new LocalDate(2025, 11, 3), new LocalDate(2025, 11, 11));
        Assert.Equal(5, planned.Count);
        var afterRestart = drill.ReceivedRecipients();
        DrillReport.Write($"down across a due date (5 days): {planned.Count} recipients, before downtime {beforeDowntime.Count(planned.ContainsKey)} message(s), " +
            $"after restart {afterRestart.Count(planned.ContainsKey)} (expected {2 * planned.Count}: two missed steps in one catch-up message each)");
        foreach (var recipient in planned.Keys)
        {
            Assert.Equal(1, beforeDowntime.Count(r => string.Equals(r, recipient, StringComparison.OrdinalIgnoreCase)));
            // Two steps fell due while it was down; one catch-up message carries them, not one per missed trigger.
            Assert.Equal(2, afterRestart.Count(r => string.Equals(r, recipient, StringComparison.OrdinalIgnoreCase)));
        }
    }
}
