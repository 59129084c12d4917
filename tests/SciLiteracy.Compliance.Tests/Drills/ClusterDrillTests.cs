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

    /// <summary>The environment of a clustered worker: the drill's PostgreSQL and SMTP server, a quick cluster check-in.</summary>
    private static Dictionary<string, string> Clustered(string database, SmtpServerFixture server) => new()
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = server.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp__StartTls"] = "false",
        ["State__Provider"] = "postgres",
        ["State__ConnectionString"] = database,
        ["State__ClusterCheckinInterval"] = "00:00:01",
        ["State__ClusterCheckinMisfireThreshold"] = "00:00:04",
    };

    /// <summary>
    /// Failover (docs/benchmarks.md): two workers; the one sending a moment's 200 messages is killed mid-burst; the other
    /// must send the rest by itself. Measured from the kill to the other worker's first "sent" line.
    /// </summary>
    [DrillFact]
    public async Task The_worker_sending_is_killed_mid_burst_and_the_other_sends_the_rest_once()
    {
        const int units = 200;
        using var postgres = new PostgresClusterFixture();
        using var server = new SmtpServerFixture();
        var database = postgres.NewDatabase();
        new SciLiteracy.Compliance.State.Postgres.PostgresStateStore(database).Dispose();
        // Tuesday 16:00: Wednesday 09:00's reminders (one per unit) are the burst, 17 virtual hours (21 s) after the start.
        using var drill = new WorkerDrill(new LocalDateTime(2025, 11, 4, 16, 0), units, server.Maildir, Clustered(database, server), RealSecondsPerDay);
        var moment = new LocalDateTime(2025, 11, 5, 9, 0).InZoneStrictly(WorkerDrill.Zone).ToInstant();
        var workers = new[] { Start(), Start() };
        ScilitProcess Start() => ScilitProcess.Start(drill.Root, drill.Environment, "run", "--rules", "rules", "--state", "state/compliance.db");
        try
        {
            var epoch = Wait.Until(() => StoredEpoch(database), TimeSpan.FromMinutes(3), "the first evaluation")!.Value;
            Assert.True(epoch < moment, $"the workers started after the burst was due (epoch {epoch}): the machine is very busy");
            // The sender: the worker connected to the SMTP server once the burst's first message has arrived.
            Wait.Until(() => drill.ReceivedRecipients().Count > 0, TimeSpan.FromMinutes(2), "the burst's first message");
            var sender = workers.FirstOrDefault(w => ConnectedTo(w.Id, server.Port));
            Assert.True(sender is not null, $"no worker is connected to the SMTP server while the burst arrives ({drill.ReceivedRecipients().Count} arrived)");
            sender.Kill();
            var killed = System.Diagnostics.Stopwatch.StartNew();
            var arrivedAtKill = drill.ReceivedRecipients().Count;
            Assert.True(arrivedAtKill < units, $"the burst was over before the kill ({arrivedAtKill} arrived): nothing to take over");
            // One more may be the killed worker's message in flight; the one after it is the other worker's.
            Wait.Until(() => drill.ReceivedRecipients().Count > arrivedAtKill + 1, TimeSpan.FromMinutes(2), "a message from the other worker after the kill");
            var failover = killed.Elapsed;
            var planned = drill.Planned(moment.InZone(WorkerDrill.Zone).Date, moment.InZone(WorkerDrill.Zone).Date);
            // The burst's messages only (composed on its day, the Date header), not Friday's if the machine is that slow.
            Dictionary<string, int> Received() => drill.ReceivedMessages()
                .Where(m => DateTimeOffset.TryParse(m.Date, CultureInfo.InvariantCulture, out var date) && date.ToOffset(TimeSpan.FromHours(8)).Date == new DateTime(2025, 11, 5))
                .SelectMany(m => m.To).GroupBy(r => r, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
            // Late is not lost: the rest of the burst may take a while on a busy machine (the state is in PostgreSQL, so
            // the arrivals at the server are what is counted); the next send moment is two days (a minute) on.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(50);
            while (planned.Keys.Any(r => Received().GetValueOrDefault(r) == 0) && DateTime.UtcNow < deadline) await Task.Delay(200);
            var received = Received();
            var missing = planned.Keys.Count(r => received.GetValueOrDefault(r) == 0);
            var duplicates = received.Values.Sum(n => n - 1);
            DrillReport.Write(string.Create(CultureInfo.InvariantCulture,
                $"cluster failover: the worker sending a burst of {units} killed after {arrivedAtKill} had arrived; the other's first arrived {failover.TotalSeconds:F1} s later " +
                $"(check-in every 1 s, misfire threshold 4 s); missing {missing}, duplicates {duplicates} (limit 1)"));
            Assert.Equal(units, planned.Count);
            Assert.True(missing == 0, $"{missing} of {units} had not arrived 50 s after the other worker took over\n" + Logs(workers));
            Assert.InRange(duplicates, 0, 1);
        }
        finally
        {
            foreach (var w in workers) { w.Kill(); w.Dispose(); }
        }
    }

    private async Task Drill(int kills, bool restartDatabase, int units, int? days = null)
    {
        using var postgres = new PostgresClusterFixture();
        using var server = new SmtpServerFixture();
        var database = postgres.NewDatabase();
        new SciLiteracy.Compliance.State.Postgres.PostgresStateStore(database).Dispose(); // the schema, so the drill can watch for the first evaluation
        using var drill = new WorkerDrill(MondayMorning, units, server.Maildir, Clustered(database, server), RealSecondsPerDay);
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

    /// <summary>Whether process <paramref name="pid"/> holds an established TCP connection to 127.0.0.1:<paramref name="port"/> (Linux /proc).</summary>
    private static bool ConnectedTo(int pid, int port)
    {
        var sockets = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            foreach (var fd in Directory.GetFiles($"/proc/{pid}/fd"))
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal)) sockets.Add(target[8..^1]);
        }
        catch (IOException) { return false; } // the process is gone
        // sl local_address rem_address st … inode: ESTABLISHED is 01. .NET's sockets are dual-mode, so the worker's end is in
        // tcp6 as ::ffff:127.0.0.1 (…FFFF00000100007F); the address ends in 127.0.0.1 either way.
        var remote = $"0100007F:{port:X4}";
        return new[] { "/proc/net/tcp", "/proc/net/tcp6" }.SelectMany(File.ReadLines).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f.Length > 9 && f[2].EndsWith(remote, StringComparison.Ordinal) && f[3] == "01" && sockets.Contains(f[9]));
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
