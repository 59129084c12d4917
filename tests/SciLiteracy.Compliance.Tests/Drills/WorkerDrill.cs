using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Rules.Loading;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>A process-level drill in its fast form: part of every CI run (about a minute for all of them together).</summary>
public sealed class DrillFactAttribute : FactAttribute;

/// <summary>
/// The long form of a drill (thousands of notifications, many minutes): runs only with SCILIT_LONG_DRILLS=1,
/// which `./test.sh --long` sets.
/// </summary>
public sealed class LongDrillFactAttribute : FactAttribute
{
    public LongDrillFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SCILIT_LONG_DRILLS") != "1")
            Skip = "long drill: run with ./test.sh --long (SCILIT_LONG_DRILLS=1)";
    }
}

/// <summary>
/// Harness for the process-level drills: the real `scilit run` on a virtual clock (Compliance:Clock) that makes a
/// day pass in <see cref="RealSecondsPerDay"/> seconds, with a fixed anchor so every restart continues the same
/// timeline, a drill rule set whose steps are days apart, and the messages read back from where they arrived.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerDrillCollection
{
    // The drills measure timing on a shared 2-core machine: never alongside each other or other tests.
    public const string Name = "process drills";
}

public sealed class WorkerDrill : IDisposable
{
    /// <summary>The fast drills' pace; a long drill with hundreds of messages per moment passes a day more slowly.</summary>
    public const double DefaultRealSecondsPerDay = 2;
    public double RealSecondsPerDay { get; }
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private readonly Instant anchor;
    private ScilitProcess? worker;

    /// <param name="startAt">Virtual local time at which the drill starts.</param>
    /// <param name="mailFolder">Where arriving messages are files: the pickup folder, or the test SMTP server's maildir.</param>
    /// <param name="mailEnvironment">Settings that point the worker at that place (e.g. Smtp__Host and Smtp__Port).</param>
    public WorkerDrill(LocalDateTime startAt, int units, string? mailFolder = null, IReadOnlyDictionary<string, string>? mailEnvironment = null,
        double realSecondsPerDay = DefaultRealSecondsPerDay)
    {
        RealSecondsPerDay = realSecondsPerDay;
        Root = Directory.CreateTempSubdirectory("scilit-drill-").FullName;
        StartAt = startAt.InZoneStrictly(Zone).ToInstant();
        // A little ahead, so the first worker is up before the virtual clock reaches StartAt.
        anchor = SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(3);
        WriteRules(Path.Combine(Root, "rules"), units);
        CopyTemplates(Path.Combine(Root, "rules", "templates"));
        MailFolder = mailFolder ?? Path.Combine(Root, "outbox");
        Environment = new Dictionary<string, string>(mailEnvironment ?? new Dictionary<string, string>())
        {
            ["Compliance__Outbox"] = Path.Combine(Root, "outbox"),
            ["Compliance__SafetyInterval"] = "00:00:00.500",
            ["Compliance__RulesPollInterval"] = "00:00:05",
            ["Compliance__Clock__StartAt"] = OffsetDateTimePattern.ExtendedIso.Format(StartAt.WithOffset(Offset.Zero)),
            ["Compliance__Clock__Speed"] = (86400 / RealSecondsPerDay).ToString(CultureInfo.InvariantCulture),
            ["Compliance__Clock__Anchor"] = OffsetDateTimePattern.ExtendedIso.Format(anchor.WithOffset(Offset.Zero)),
        };
    }

    public string Root { get; }
    public string MailFolder { get; }
    public Instant StartAt { get; }
    public Dictionary<string, string> Environment { get; }
    public string RulesDirectory => Path.Combine(Root, "rules");
    public string StateFile => Path.Combine(Root, "state", "compliance.db");

    public Instant VirtualNow => StartAt + Duration.FromTicks((long)((SystemClock.Instance.GetCurrentInstant() - anchor).BclCompatibleTicks * 86400 / RealSecondsPerDay));

    /// <summary>The real instant at which the virtual clock reads <paramref name="virtualInstant"/>.</summary>
    public Instant RealAt(Instant virtualInstant) =>
        anchor + Duration.FromTicks((long)((virtualInstant - StartAt).BclCompatibleTicks * RealSecondsPerDay / 86400));

    public async Task WaitForVirtual(Instant virtualInstant)
    {
        var wait = RealAt(virtualInstant) - SystemClock.Instance.GetCurrentInstant();
        if (wait > Duration.Zero) await Task.Delay(wait.ToTimeSpan());
    }

    public void StartWorker()
    {
        Assert.True(worker is null || worker.HasExited, "the worker is already running");
        worker?.Dispose();
        worker = ScilitProcess.Start(Root, Environment, "run", "--rules", "rules", "--state", Path.GetRelativePath(Root, StateFile));
        Thread.Sleep(200);
        Assert.False(worker.HasExited, $"scilit run exited at once with {(worker.HasExited ? worker.ExitCode : 0)}:\n{worker.Stderr}");
    }

    public void KillWorker() => worker?.Kill();

    /// <summary>SIGTERM and a wait for the end, without judging the exit code (<see cref="WorkerExitCode"/>).</summary>
    public bool TerminateWorker(TimeSpan bound) => worker is null || worker.Terminate(bound);

    public int WorkerExitCode => worker?.ExitCode ?? 0;

    /// <summary>The worker's pid (the `dotnet scilit.dll` process).</summary>
    public int WorkerPid => worker?.Id ?? 0;

    public void StopWorker()
    {
        if (worker is null) return;
        Assert.True(worker.Terminate(TimeSpan.FromSeconds(30)), "scilit run did not stop within 30 s of SIGTERM");
        Assert.True(worker.ExitCode == 0, $"scilit run exited with {worker.ExitCode} after SIGTERM (0 expected):\n{worker.Stderr}");
    }

    /// <summary>
    /// Lets the worker finish what the window owes: waits (within <paramref name="bound"/>) until the worker has evaluated at
    /// or after <paramref name="windowEnd"/> (its health report's last successful cycle, so every row of the window is
    /// recorded) and no row planned up to then is still pending. On a loaded machine the worker may still be evaluating
    /// the window's last moments, or sending their messages, when the window ends; counted then, they would read as lost.
    /// True when drained.
    /// </summary>
    public async Task<bool> DrainAsync(Instant windowEnd, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            if (EvaluatedAtOrAfter(windowEnd) && PendingUpTo(windowEnd) == 0) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(200);
        }
    }

    /// <summary>Whether the worker's last successful evaluation (its health file) was at or after <paramref name="moment"/>.</summary>
    public bool EvaluatedAtOrAfter(Instant moment)
    {
        var path = SciLiteracy.Compliance.Worker.HealthReport.PathFor(StateFile);
        try
        {
            return File.Exists(path) && SciLiteracy.Compliance.Worker.HealthReport.Read(path)?.LastSuccessfulCycle is { } last
                && Instant.FromDateTimeOffset(last) >= moment;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
        {
            return false; // caught while the worker rewrites it
        }
    }

    /// <summary>
    /// kill -9 of the worker at each of <paramref name="moments"/> (virtual), a random 0–400 ms into it while its messages
    /// are going out, and a restart 0–1 s later.
    /// </summary>
    public async Task KillAtAsync(IEnumerable<Instant> moments, Random random)
    {
        foreach (var moment in moments)
        {
            await WaitForVirtual(moment);
            await Task.Delay(random.Next(0, 400));
            KillWorker();
            await Task.Delay(random.Next(0, 1000));
            StartWorker();
        }
    }

    /// <summary>Rows planned up to <paramref name="windowEnd"/> that are still pending (recorded, not yet delivered).</summary>
    public int PendingUpTo(Instant windowEnd)
    {
        if (!File.Exists(StateFile)) return 0;
        return TestState.Open(StateFile).Waiting()
            .Count(r => r.Status == SciLiteracy.Compliance.State.LedgerStatus.Pending && r.PlannedSendAt <= windowEnd);
    }

    /// <summary>
    /// Recipients of the messages that arrived for rows planned up to <paramref name="windowEnd"/> (matched by Message-ID in
    /// the ledger), so that what a worker still running sends for later moments is not counted as a duplicate.
    /// </summary>
    public List<string> ReceivedRecipientsUpTo(Instant windowEnd)
    {
        var inWindow = TestState.Open(StateFile).Ledger()
            .Where(r => r.MessageId is not null && r.PlannedSendAt <= windowEnd).Select(r => r.MessageId!).ToHashSet(StringComparer.Ordinal);
        return ReceivedMessages().Where(m => inWindow.Contains(m.MessageId) || m.MessageId.Length == 0).SelectMany(m => m.To).ToList();
    }

    /// <summary>
    /// Per planned recipient: messages arrived by the window's end, and after the drain. "Late" arrived during the drain
    /// (lag on a busy machine), "missing" never arrived (loss); only missing fails a drill.
    /// </summary>
    public static DrillCount Count(Dictionary<string, SortedSet<Instant>> planned, IReadOnlyList<string> atWindowEnd, IReadOnlyList<string> afterDrain)
    {
        int CountFor(IEnumerable<string> recipients, string recipient) => recipients.Count(r => string.Equals(r, recipient, StringComparison.OrdinalIgnoreCase));
        var missing = planned.Select(p => (p.Key, Shortfall: Math.Max(0, p.Value.Count - CountFor(afterDrain, p.Key)))).Where(p => p.Shortfall > 0).ToList();
        var late = planned.Sum(p => Math.Max(0, Math.Min(p.Value.Count, CountFor(afterDrain, p.Key)) - CountFor(atWindowEnd, p.Key)));
        var duplicates = planned.Sum(p => Math.Max(0, CountFor(afterDrain, p.Key) - p.Value.Count));
        return new DrillCount(planned.Sum(p => p.Value.Count), afterDrain.Count(r => planned.ContainsKey(r)), late, missing.Sum(m => m.Shortfall), duplicates,
            missing.Select(m => $"{m.Key}: {CountFor(afterDrain, m.Key)} of {planned[m.Key].Count}").ToList());
    }

    public string WorkerStderr => worker?.Stderr ?? "";

    /// <summary>The worker's console log (every evaluation's counts): for a failure message, when stderr has nothing to say.</summary>
    public string WorkerStdoutTail(int lines = 40) => string.Join("\n", (worker?.Stdout ?? "").Split('\n').TakeLast(lines));

    /// <summary>Every distinct send moment per recipient in the window, as `plan` shows it: one message each, since the drill's steps are days apart.</summary>
    public Dictionary<string, SortedSet<Instant>> Planned(LocalDate from, LocalDate to)
    {
        var rules = RuleLoader.Load(RulesDirectory).Rules;
        Assert.NotNull(rules);
        var planned = new Dictionary<string, SortedSet<Instant>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, notifications) in new Planner(rules).Plan(from, to))
            foreach (var n in notifications)
                foreach (var r in n.Recipients)
                {
                    if (!planned.TryGetValue(r.Email, out var moments)) planned[r.Email] = moments = [];
                    moments.Add(n.SendAt.ToInstant());
                }
        return planned;
    }

    /// <summary>Recipients of every message that arrived so far (the To header of each message file).</summary>
    public List<string> ReceivedRecipients() => ReceivedMessages().SelectMany(m => m.To).ToList();

    /// <summary>Every message that arrived so far: its recipients, its Date header (the virtual moment it was composed) and its Message-ID.</summary>
    public List<(IReadOnlyList<string> To, string Date, string MessageId)> ReceivedMessages()
    {
        if (!Directory.Exists(MailFolder)) return [];
        var result = new List<(IReadOnlyList<string>, string, string)>();
        foreach (var file in Directory.GetFiles(MailFolder, "*", SearchOption.AllDirectories))
        {
            // Messages still being written: the pickup folder's *.tmp, a maildir's tmp/.
            if (file.EndsWith(".tmp", StringComparison.Ordinal) || Path.GetRelativePath(MailFolder, file).StartsWith("tmp" + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue;
            var to = new List<string>();
            var date = "";
            var messageId = "";
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0) break; // end of the header
                if (line.StartsWith("To:", StringComparison.OrdinalIgnoreCase))
                    to.AddRange(line[3..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(a => a.Trim('<', '>')));
                else if (line.StartsWith("Date:", StringComparison.OrdinalIgnoreCase))
                    date = line[5..].Trim();
                else if (line.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                    messageId = line[11..].Trim().Trim('<', '>');
            }
            result.Add((to, date, messageId));
        }
        return result;
    }

    /// <summary>For a failure message: when each of a recipient's messages was composed.</summary>
    public string DescribeReceived(string recipient) => string.Join("\n", ReceivedMessages()
        .Where(m => m.To.Contains(recipient, StringComparer.OrdinalIgnoreCase)).Select(m => "  " + m.Date).Order(StringComparer.Ordinal));

    /// <summary>
    /// A weekly drill obligation for <paramref name="units"/> units, each with its own liaison: reminded 2 days before
    /// Friday, urged on Friday, escalated 3 days after. Calendar days only, so no holiday data is involved.
    /// </summary>
    private static void WriteRules(string directory, int units)
    {
        Directory.CreateDirectory(directory);
        var unitIds = Enumerable.Range(1, units).Select(i => $"unit-{i:00}").ToList();
        File.WriteAllText(Path.Combine(directory, "drill.yaml"), $$"""
            version: 1
            jurisdiction:
              id: drill
              name: 演练县
              timeZone: Asia/Shanghai
              sendTime: "09:00"
              adjust: none
            units:
              - id: office
                name: 县纲要办
                kind: office
            {{string.Join("\n", unitIds.Select(u => $"  - id: {u}\n    name: 演练单位{u[5..]}\n    kind: member"))}}
            groups:
              - id: members
                name: 成员单位
                kinds: [member]
            people:
              - unit: office
                role: liaison
                name: 纲要办联络员
                email: liaison.office@drill.example.org
            {{string.Join("\n", unitIds.Select(u => $"  - unit: {u}\n    role: liaison\n    name: {u} 联络员\n    email: liaison.{u}@drill.example.org"))}}
            obligations:
              - id: drill.weekly-report
                title: 演练周报
                kind: report
                source: { file: drill.txt, clause: 演练, quote: 各成员单位每周五前报送周报。 }
                responsible: { group: members }
                schedule: { weekly: friday, from: 2025-11-01, until: 2026-03-31 }
                reminders:
                  - 2d
                escalation:
                  - after: 0d
                    to: [unit.liaison]
                  - after: 3d
                    to: [unit.liaison]
            """);
    }

    /// <summary>The repository's message templates, so the drill's messages are rendered as in production.</summary>
    private static void CopyTemplates(string to)
    {
        var from = Path.Combine(WorkerSandbox.RepositoryRoot, "rules", "templates");
        if (!Directory.Exists(from)) return;
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }

    public void Dispose()
    {
        worker?.Dispose();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* left for the OS to clean */ }
    }
}
