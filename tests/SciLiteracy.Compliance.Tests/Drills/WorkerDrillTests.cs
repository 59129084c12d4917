using NodaTime;
using Xunit;
using Xunit.Abstractions;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>
/// The process-level drills: the real `scilit run` killed, stopped and restarted on a virtual clock.
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
    public Task KilledAtRandomMomentsWhileSendingNothingIsMissingAndDuplicatesAreAtMostOnePerKill() =>
        new SmtpDrillTests(output).KillDrill("kill (pickup folder, long)", kills: 10, units: 30, realSecondsPerDay: WorkerDrill.DefaultRealSecondsPerDay, overSmtp: false);

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
        var windowEnd = At(Local(11, 21));
        await drill.WaitForVirtual(windowEnd);                 // catch-up done; Wednesday 12th not yet reached
        var drained = await drill.DrainAsync(windowEnd, SmtpDrillTests.DrainBound); // a loaded machine may still be sending it
        var afterRestart = drill.ReceivedRecipientsUpTo(windowEnd);
        drill.StopWorker();

        var planned = drill.Planned(new LocalDate(2025, 11, 3), new LocalDate(2025, 11, 11));
        Assert.Equal(5, planned.Count);
        Assert.True(drained, $"rows of the window still pending {SmtpDrillTests.DrainBound} after it");
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
