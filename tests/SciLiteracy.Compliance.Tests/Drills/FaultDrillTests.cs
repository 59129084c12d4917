using System.Diagnostics;
using System.Globalization;
using NodaTime;
using SciLiteracy.Compliance.Cli;
using SciLiteracy.Compliance.Tests.Support;
using SciLiteracy.Compliance.Worker;
using Xunit;
using Xunit.Abstractions;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>
/// The worker under real faults, as systemd runs it: a second instance on the same state file, SIGTERM while the SMTP
/// server hangs, and the disk under the state filled while it runs (a tmpfs the drill mounts; see DiskFullDrill).
/// </summary>
[Collection(WorkerDrillCollection.Name)]
public sealed class FaultDrillTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);

    [DrillFact]
    public async Task ASecondRunOnTheSameStateFileIsRefusedAtOnceInOneLineNamingTheFirst()
    {
        using var drill = new WorkerDrill(new LocalDateTime(2025, 11, 3, 8, 0), units: 2);
        drill.StartWorker();
        await WaitForHealth(drill, healthy: true);

        var clock = Stopwatch.StartNew();
        var second = ScilitProcess.Run(drill.Root, drill.Environment, "run", "--rules", "rules", "--state", Path.GetRelativePath(drill.Root, drill.StateFile));
        var lines = second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        DrillReport.Write(string.Create(CultureInfo.InvariantCulture,
            $"second run on the same state file: exit {second.ExitCode} after {clock.Elapsed.TotalSeconds:F1} s (process start included), {lines.Length} line(s): {lines.FirstOrDefault()}"));

        Assert.Equal(WorkerExitCodes.AnotherWorker, second.ExitCode);
        Assert.Single(lines);
        Assert.Contains($"pid {drill.WorkerPid}", lines[0]);
        Assert.Contains(drill.StateFile.Replace(drill.Root + "/", ""), lines[0]);
        // The first one goes on untouched.
        Assert.True((await WaitForHealth(drill, healthy: true)).Healthy);
        drill.StopWorker();
    }

    [DrillFact]
    public async Task SigtermDuringAHungSendExitsWithinTheBoundAndTheMessageIsSentOnceOnRestart()
    {
        using var server = new SmtpServerFixture();
        using var drill = new WorkerDrill(new LocalDateTime(2025, 11, 4, 20, 0), units: 1, server.Maildir, new Dictionary<string, string>
        {
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = server.Port.ToString(CultureInfo.InvariantCulture),
            ["Smtp__StartTls"] = "false",
        }, realSecondsPerDay: 60); // 13 virtual hours (33 s) before the reminder: a loaded machine's slow start stays clear of it
        // A send that would wait five minutes for the silent server: only cancellation can end it within the bound.
        drill.Environment["Smtp__Timeout"] = "00:05:00";
        var bound = new WorkerSettings("r", "s", "o", Duration.FromMinutes(15), Duration.FromSeconds(30), null).ShutdownTimeout;
        var remindersDue = new LocalDateTime(2025, 11, 5, 9, 0).InZoneStrictly(WorkerDrill.Zone).ToInstant();
        server.Misbehave(SmtpFault.Hang);
        drill.StartWorker();
        await WaitForHealth(drill, healthy: true);
        Assert.True(drill.VirtualNow < remindersDue, "the worker started after the reminder was due (the machine is very busy)");
        Assert.True(await Until(() => server.FaultEvents().Any(e => e.Event == "connect"), StartBound), $"the worker never connected to the hanging server:\n{drill.WorkerStderr}");
        await Task.Delay(500); // in the greeting wait

        var clock = Stopwatch.StartNew();
        Assert.True(drill.TerminateWorker(bound + TimeSpan.FromSeconds(20)), "scilit run did not end after SIGTERM");
        var stopped = clock.Elapsed;
        var exitCode = drill.WorkerExitCode;
        var pendingAfterStop = drill.PendingUpTo(remindersDue);
        server.Start();
        drill.StartWorker();
        var drained = await drill.DrainAsync(remindersDue, SmtpDrillTests.DrainBound);
        var received = drill.ReceivedRecipientsUpTo(remindersDue);
        drill.StopWorker();
        DrillReport.Write(string.Create(CultureInfo.InvariantCulture,
            $"SIGTERM during a hung SMTP send (Smtp:Timeout 5 min): exit {exitCode} after {stopped.TotalSeconds:F1} s (bound {bound.TotalSeconds:F0} s), " +
            $"{pendingAfterStop} row(s) left pending, delivered on restart {received.Count} (drained: {drained})"));

        Assert.Equal(WorkerExitCodes.Stopped, exitCode);
        Assert.True(stopped < bound + BoundedRun.Grace, $"stopped after {stopped}, bound {bound}");
        Assert.Equal(1, pendingAfterStop);
        Assert.True(drained, "the reminder was still pending after the restart");
        Assert.Single(received);
    }

    [DrillFact]
    public async Task DiskFilledWhileRunningIsLoudOncePerMinuteUnhealthyLosesNothingAndResumesByItself()
    {
        using var drill = new WorkerDrill(new LocalDateTime(2025, 11, 4, 20, 0), units: 10, realSecondsPerDay: 40);
        drill.Environment["Compliance__RetryAfterFailure"] = "00:00:01";
        using var disk = DiskFullDrill.Mount(Path.GetDirectoryName(drill.StateFile)!);
        if (!disk.Mounted)
        {
            // No file system of its own to fill: the in-process form (InjectedDiskFailureTests) fails the store's writes instead.
            DrillReport.Write("disk filled while running: not run (no tmpfs: needs root); see the injected I/O failure test");
            return;
        }
        output.WriteLine(disk.Kind);
        drill.StartWorker();
        await WaitForHealth(drill, healthy: true);
        var remindersDue = new LocalDateTime(2025, 11, 5, 9, 0).InZoneStrictly(WorkerDrill.Zone).ToInstant();
        Assert.True(drill.VirtualNow < remindersDue - Duration.FromHours(2), "the worker started too late for the drill (the machine is very busy)");

        disk.Fill();
        var failingFor = Stopwatch.StartNew();
        await drill.WaitForVirtual(remindersDue);
        var unhealthy = await WaitForHealth(drill, healthy: false);
        var health = ScilitProcess.Run(drill.Root, "health", "--state", Path.GetRelativePath(drill.Root, drill.StateFile));
        await Task.Delay(TimeSpan.FromSeconds(10)); // many triggers and retries while full: still one line a minute
        var errorLines = drill.WorkerStderr.Split('\n').Where(l => l.Contains("cannot write the state", StringComparison.Ordinal)).ToList();
        var deliveredWhileFull = drill.ReceivedRecipientsUpTo(remindersDue).Count;

        disk.Free();
        var resumed = Stopwatch.StartNew();
        var healthyAgain = await WaitForHealth(drill, healthy: true);
        var resumedAfter = resumed.Elapsed;
        var drained = await drill.DrainAsync(remindersDue + Duration.FromDays(1), SmtpDrillTests.DrainBound);
        var planned = drill.Planned(new LocalDate(2025, 11, 5), new LocalDate(2025, 11, 5));
        var count = WorkerDrill.Count(planned, [], drill.ReceivedRecipientsUpTo(remindersDue + Duration.FromDays(1)));
        drill.StopWorker();
        DrillReport.Write(string.Create(CultureInfo.InvariantCulture,
            $"disk filled while running ({disk.Kind}): {errorLines.Count} error line(s) in {failingFor.Elapsed.TotalSeconds:F0} s full, `scilit health` exit {health.ExitCode}, " +
            $"{deliveredWhileFull} sent while full, healthy again {resumedAfter.TotalSeconds:F1} s after space returned; {count}"));

        Assert.False(unhealthy.Healthy);
        Assert.Contains(drill.StateFile, unhealthy.Reason);
        Assert.Contains("free", unhealthy.Reason);
        Assert.Equal(HealthVerb.Unhealthy, health.ExitCode);
        Assert.Contains("unhealthy", health.Stdout);
        // Loud, but once a minute: the drill stays full for well under two minutes.
        Assert.InRange(errorLines.Count, 1, (int)failingFor.Elapsed.TotalMinutes + 1);
        Assert.Contains(drill.StateFile, errorLines[0]);
        Assert.Contains(" free", errorLines[0]);
        Assert.Equal(0, deliveredWhileFull);
        Assert.True(healthyAgain.Healthy);
        Assert.True(drained, "the reminders were still pending after space returned");
        Assert.True(count.Missing == 0 && count.Duplicates == 0, $"{count}\n{string.Join('\n', count.MissingDetail)}");
    }

    [DrillFact]
    public void StartedOnAFullDiskItRefusesInOneLineWithANonZeroExit()
    {
        using var drill = new WorkerDrill(new LocalDateTime(2025, 11, 4, 20, 0), units: 2);
        using var disk = DiskFullDrill.Mount(Path.GetDirectoryName(drill.StateFile)!);
        if (!disk.Mounted)
        {
            // Without a file system of its own to fill there is no honest way to start `run` on a full disk.
            DrillReport.Write("started on a full disk: not run (no tmpfs: needs root)");
            return;
        }
        disk.Fill();
        var run = ScilitProcess.Run(drill.Root, drill.Environment, "run", "--rules", "rules", "--state", Path.GetRelativePath(drill.Root, drill.StateFile));
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        DrillReport.Write($"started on a full disk (tmpfs): exit {run.ExitCode}, {lines.Length} line(s): {lines.FirstOrDefault()}");
        Assert.Equal(WorkerExitCodes.Refused, run.ExitCode);
        Assert.Single(lines);
        Assert.Contains("free", lines[0]);
        Assert.DoesNotContain("   at ", run.Stderr + run.Stdout);
    }

    private static async Task<HealthReport> WaitForHealth(WorkerDrill drill, bool healthy)
    {
        var path = HealthReport.PathFor(drill.StateFile);
        HealthReport? last = null;
        var reached = await Until(() =>
        {
            try { last = File.Exists(path) ? HealthReport.Read(path) : null; }
            catch (Exception e) when (e is IOException or System.Text.Json.JsonException) { return false; }
            return last is { } r && r.Healthy == healthy && (!healthy || r.LastSuccessfulCycle is not null);
        }, StartBound);
        Assert.True(reached, $"the health report never said {(healthy ? "healthy" : "unhealthy")}; last: {last}\n{drill.WorkerStderr}");
        return last!;
    }

    private static async Task<bool> Until(Func<bool> condition, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(200);
        }
        return true;
    }
}
