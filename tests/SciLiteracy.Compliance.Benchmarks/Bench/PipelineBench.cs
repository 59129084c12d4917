using SciLiteracy.Compliance.Notifications.Channels;
using System.Diagnostics;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;

namespace SciLiteracy.Compliance.Bench;

/// <summary>
/// The `scilit bench` figures that go through the real pipeline: a simulated year (Simulation.RunAsync), one
/// evaluation pass against the ledger that year left, and ledger inserts per second on a durable SQLite file.
/// </summary>
public static class PipelineBench
{
    public sealed record Figures(double SimulatedSeconds, int Cycles, long MessagesSimulated, double PassSeconds, int PassMessages,
        int PassNewRows, double ReplanSeconds, int ReplanTracked, int LedgerRows, double LedgerRowsPerSecond);

    public static async Task<Figures> MeasureAsync(RuleSet set, string rulesDirectory, string work, LocalDate passDay, LocalTime sendTime)
    {
        var transport = new CountingTransport();
        var options = ComplianceConfiguration.PipelineOptions(ComplianceConfiguration.Build());
        var provider = StateProviders.For(ComplianceDefaults.StateProvider).Store;
        // Simulate's own settings: a throw-away store (a file without fsync per commit).
        using var scratch = provider.OpenScratch();
        var store = scratch.Store;
        NotificationPipeline Pipeline() => CompliancePipeline.Create(new StaticRuleSource(set), store, [new EmailChannel(transport, options.From)], rulesDirectory, options);
        var cycle = Pipeline();

        // The year up to the day before the pass, as `simulate` runs it, leaves the ledger a real office would have then.
        var clock = Stopwatch.StartNew();
        var cycles = await Simulation.RunAsync(cycle, store, set, options, new LocalDate(passDay.Year, 1, 1), passDay.PlusDays(-1), _ => { }, CancellationToken.None);
        // The rest of the year, from the pass on, so the simulated figure covers the whole year.
        var zone = set.Directories.Values.First().Jurisdiction.TimeZone;
        var now = passDay.At(sendTime).InZoneLeniently(zone).ToInstant();
        var (_, end) = Simulation.Window(set, passDay, new LocalDate(passDay.Year, 12, 31));
        var simulatedBeforePass = clock.Elapsed.TotalSeconds;

        var before = transport.Count;
        clock.Restart();
        var pass = await cycle.RunAsync(now, CancellationToken.None);
        var passSeconds = clock.Elapsed.TotalSeconds;
        var passMessages = (int)(transport.Count - before);

        // The same instant again, as a state file without a planned-until mark (one from before it existed) sees it:
        // every open occurrence within 400 days is planned and deduped again, and nothing is new.
        // The benchmark measures the SQLite store's figure: that store can forget its mark.
        ((SqliteStateStore)store).ForgetPlannedUntil();
        clock.Restart();
        var replan = await Pipeline().RunAsync(now, CancellationToken.None);
        var replanSeconds = clock.Elapsed.TotalSeconds;
        if (replan.Report.Recorded != 0 || replan.Sent.Count != 0)
            throw new InvalidOperationException($"a re-plan of the same instant recorded {replan.Report.Recorded} rows and sent {replan.Sent.Count} messages");

        clock.Restart();
        foreach (var moment in TriggerMoments.Between(set, store, options, now + Duration.Epsilon, end))
        {
            await cycle.RunAsync(moment, CancellationToken.None);
            cycles++;
        }
        var simulatedSeconds = simulatedBeforePass + clock.Elapsed.TotalSeconds;
        var ledger = store.Ledger();

        return new Figures(simulatedSeconds, cycles + 1, transport.Count, passSeconds, passMessages, pass.Report.Recorded,
            replanSeconds, OpenOccurrences(set, passDay), ledger.Count, LedgerWritesPerSecond(provider, work, ledger));
    }

    // Nothing is submitted in the generated year: every occurrence within the 400 days is open.
    private static int OpenOccurrences(RuleSet set, LocalDate day) =>
        new Planner(set).Occurrences(day.PlusDays(-Planner.MaxReachDays), day.PlusDays(Planner.MaxReachDays)).Count();

    /// <summary>Inserts the simulated year's rows again, in batches of a cycle's typical size, into a durable file.</summary>
    private static double LedgerWritesPerSecond(IStateStoreProvider provider, string work, IReadOnlyList<LedgerRow> rows)
    {
        const int batch = 1000;
        var store = provider.Open(Path.Combine(work, "ledger-writes.db"));
        var sample = rows.Take(200_000).ToList();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < sample.Count; i += batch)
            store.Record(sample.Skip(i).Take(batch).ToList());
        return sample.Count / clock.Elapsed.TotalSeconds;
    }
}
