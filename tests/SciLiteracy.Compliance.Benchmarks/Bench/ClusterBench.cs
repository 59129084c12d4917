using System.Diagnostics;
using NodaTime;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State.Postgres;
using SciLiteracy.Compliance.Tests.Support;

namespace SciLiteracy.Compliance.Bench;

/// <summary>
/// `bench --cluster`: one busy evaluation pass on PostgreSQL (a throwaway server, as the tests start one) by 1 and by 3
/// workers at the same instant, each with its own store connection and pipeline, as three `scilit run` on one database
/// would: every worker plans and records the same rows (deduped in the database), and each message is sent by whichever
/// worker claims it first (FOR UPDATE SKIP LOCKED). Wall time until every worker's pass has ended; nothing may be sent twice.
/// </summary>
public static class ClusterBench
{
    public sealed record Figures(int Workers, double Seconds, long Messages, long Duplicates);

    public static async Task<IReadOnlyList<Figures>> MeasureAsync(RuleSet set, string rulesDirectory, LocalDate day, LocalTime sendTime, IReadOnlyList<int> workerCounts)
    {
        using var postgres = new PostgresClusterFixture();
        var options = ComplianceConfiguration.PipelineOptions(ComplianceConfiguration.Build());
        var zone = set.Directories.Values.First().Jurisdiction.TimeZone;
        var now = day.At(sendTime).InZoneLeniently(zone).ToInstant();
        var result = new List<Figures>();
        // A first pass of one worker warms up the code paths and the server; its figure is not kept.
        foreach (var (workers, kept) in workerCounts.Select(w => (w, true)).Prepend((1, false)))
        {
            var database = postgres.NewDatabase();
            var stores = Enumerable.Range(0, workers).Select(_ => new PostgresStateStore(database)).ToList();
            try
            {
                // The day before: the pass sends what falls due from then to the instant, as a worker running since then would.
                stores[0].Epoch(now - Duration.FromDays(1));
                var transport = new CountingTransport();
                var pipelines = stores.Select(store => CompliancePipeline.Create(new StaticRuleSource(set), store, [new EmailChannel(transport, options.From)], rulesDirectory, options)).ToList();
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(pipelines.Select(p => Task.Run(() => p.RunAsync(now, CancellationToken.None))));
                if (kept) result.Add(new Figures(workers, clock.Elapsed.TotalSeconds, transport.Count, transport.Duplicates));
            }
            finally
            {
                stores.ForEach(s => s.Dispose());
            }
        }
        return result;
    }
}
