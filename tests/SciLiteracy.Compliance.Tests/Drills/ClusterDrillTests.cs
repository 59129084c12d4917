using System.Globalization;
using NodaTime;
using Xunit.Abstractions;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>
/// Issue 15's drill: three `scilit run` workers on one PostgreSQL (state and Quartz's cluster) and a real SMTP server,
/// on a virtual clock whose ladder steps are a few real minutes apart in the long form; workers killed with SIGKILL at
/// random while sending and restarted, PostgreSQL itself restarted mid-run. Every planned message must arrive, with at
/// most one duplicate per kill; without kills, none.
/// </summary>
[Collection(WorkerDrillCollection.Name)]
public sealed class ClusterDrillTests(ITestOutputHelper output)
{
    private static readonly LocalDateTime MondayMorning = new(2025, 11, 3, 8, 0); // 2025-11-03 is a Monday

    // A day in 30 real seconds: a failover (check-in threshold 4 s), a restarted worker's start (up to 20 s on a busy
    // 2-core machine) and a database restart all stay inside the 2 days between two steps, so each planned step is
    // one message of its own. At 10 s a day on a loaded machine, late steps were caught up folded into the next one.
    private const double RealSecondsPerDay = 30;

    [DrillFact]
    public Task Three_workers_with_kills_and_a_database_restart_lose_nothing_and_duplicate_at_most_once_per_kill() =>
        Drill(kills: 2, restartDatabase: true, units: 5, days: 6);

    [DrillFact]
    public Task Three_workers_without_kills_send_every_message_exactly_once() => Drill(kills: 0, restartDatabase: false, units: 5, days: 6);

    [LongDrillFact]
    public Task Three_workers_killed_twenty_times_and_a_database_restart_lose_nothing_and_duplicate_at_most_once_per_kill() =>
        Drill(kills: 20, restartDatabase: true, units: 30);

    private async Task Drill(int kills, bool restartDatabase, int units, int? days = null)
    {
        using var postgres = new PostgresClusterFixture();
        using var server = new SmtpServerFixture();
        var database = postgres.NewDatabase();
        new SciLiteracy.Compliance.State.Postgres.PostgresStateStore(database).Dispose(); // the schema, so the drill can watch for the first evaluation
        using var drill = new WorkerDrill(MondayMorning, units, server.Maildir, new Dictionary<string, string>
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp__StartTls"] = "false",
            ["State__Provider"] = "postgres",
            ["State__ConnectionString"] = database,
            ["State__ClusterCheckinInterval"] = "00:00:01",
            ["State__ClusterCheckinMisfireThreshold"] = "00:00:04",
        }, RealSecondsPerDay);
        // Every send moment is 09:00 of a Wednesday, Friday or Monday; the drill ends at a Sunday noon, clear of all of them.
        var span = days ?? Math.Max(6, (int)Math.Ceiling(kills * 7 / 3.0) + 3);
        var end = (MondayMorning.Date.PlusDays(span).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Sunday)) + new LocalTime(12, 0))
            .InZoneStrictly(WorkerDrill.Zone).ToInstant();
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);

        var workers = new ScilitProcess?[3];
        Dictionary<string, SortedSet<Instant>> planned;
        var restartedAfterExit = 0;
        void Start(int i)
        {
            workers[i]?.Dispose();
            workers[i] = ScilitProcess.Start(drill.Root, drill.Environment, "run", "--rules", "rules", "--state", "state/compliance.db");
        }
        // As systemd's Restart=always (docs/deploy.md): a worker that exits (one starting while PostgreSQL restarts) comes back.
        async Task Until(Instant virtualMoment)
        {
            while (drill.VirtualNow < virtualMoment)
            {
                for (var i = 0; i < workers.Length; i++)
                    if (workers[i]!.HasExited)
                    {
                        Start(i);
                        restartedAfterExit++;
                    }
                var left = drill.RealAt(virtualMoment) - SystemClock.Instance.GetCurrentInstant();
                if (left > Duration.Zero) await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(200, left.TotalMilliseconds)));
            }
        }
        try
        {
            for (var i = 0; i < workers.Length; i++) Start(i);
            // A new service sends nothing planned before its first evaluation (its epoch); three workers starting on a busy
            // machine may take half a minute, so what must arrive is counted from that moment.
            var epoch = Wait.Until(() => StoredEpoch(database), TimeSpan.FromMinutes(3), "the first evaluation")!.Value;
            planned = drill.Planned(MondayMorning.Date, end.InZone(WorkerDrill.Zone).Date);
            foreach (var moments in planned.Values) moments.RemoveWhere(m => m < epoch || m > end);
            var sendMoments = planned.Values.SelectMany(m => m).Distinct().Order().ToList();
            Assert.True(sendMoments.Count >= kills, $"only {sendMoments.Count} send moments after the epoch {epoch} for {kills} kills");
            var killsDone = 0;
            for (var m = 0; m < sendMoments.Count && killsDone < kills; m++)
            {
                await Until(sendMoments[m]);
                await Task.Delay(random.Next(0, 400)); // while the messages of this moment are going out
                var victim = random.Next(workers.Length);
                workers[victim]!.Kill();
                killsDone++;
                await Task.Delay(random.Next(0, 1000));
                Start(victim);
                if (restartDatabase && killsDone == 1)
                {
                    // Between two send moments: the workers lose every connection, then find the server again by themselves.
                    await Until(sendMoments[m] + Duration.FromDays(1));
                    postgres.Restart();
                }
            }
            await Until(end);
            foreach (var w in workers) Assert.True(w!.Terminate(TimeSpan.FromSeconds(60)), "a worker did not stop within 60 s of SIGTERM");
        }
        finally
        {
            foreach (var w in workers) w?.Dispose();
        }

        var received = drill.ReceivedRecipients().GroupBy(r => r, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        var missing = planned.Where(p => received.GetValueOrDefault(p.Key) < p.Value.Count)
            .Select(p => $"{p.Key}: {received.GetValueOrDefault(p.Key)} of {p.Value.Count}").ToList();
        var duplicates = planned.Sum(p => Math.Max(0, received.GetValueOrDefault(p.Key) - p.Value.Count));
        var total = planned.Values.Sum(m => m.Count);
        DrillReport.Write($"cluster: 3 workers, 1 PostgreSQL, SMTP; {kills} kill(s){(restartDatabase ? ", PostgreSQL restarted once" : "")}: " +
            $"planned {total}, missing {missing.Count}, duplicates {duplicates} (limit {kills}), workers restarted after exiting {restartedAfterExit}, seed {seed}");
        Assert.True(missing.Count == 0, "missing messages:\n" + string.Join('\n', missing) +
            $"\nreceived by {planned.Keys.First()}:\n{drill.DescribeReceived(planned.Keys.First())}\n" + Logs(workers));
        Assert.True(duplicates <= kills, $"{duplicates} duplicate(s) for {kills} kill(s)\n" + Logs(workers));
    }

    private static Instant? StoredEpoch(string database)
    {
        using var c = new Npgsql.NpgsqlConnection(database);
        c.Open();
        using var query = new Npgsql.NpgsqlCommand("SELECT value FROM meta WHERE name = 'epoch'", c);
        return query.ExecuteScalar() is DateTime at ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    // The end of each worker's log (its last run): what a failure message needs to say why.
    private static string Logs(IEnumerable<ScilitProcess?> workers) => string.Join("\n", workers.Select((w, i) =>
        $"worker {i}:\n" + string.Join("\n", (w?.Stdout + w?.Stderr).Split('\n').TakeLast(25))));
}
