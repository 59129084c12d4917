using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// The worker's <see cref="HealthReport"/>: updated after every evaluation and every <see cref="HeartbeatInterval"/>, kept
/// in memory (<see cref="Current"/>) and in the health file beside the state file. A failing disk under the state is
/// reported here loudly but once a minute, not once per trigger, naming the path and the free space left.
/// </summary>
public sealed class WorkerHealth(WorkerSettings settings, IStateStore store, IRuleSource rules, TimeProvider time, ILogger<WorkerHealth> logger)
    : IHostedService, IDisposable
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    /// <summary>How often a failure that goes on (a full disk) is logged again at Error.</summary>
    public static readonly TimeSpan FailureLogInterval = TimeSpan.FromMinutes(1);

    private readonly Lock gate = new();
    private readonly string path = HealthReport.PathFor(settings.StateFile);
    private DateTimeOffset? lastSuccess;
    private string? failure;
    private DateTimeOffset? failureLoggedAt;
    private int suppressed;
    private (int Pending, int Flagged) counts;
    private HealthReport? current;
    private ITimer? heartbeat;

    public HealthReport Current
    {
        get { lock (gate) return current ??= Compose(); }
    }

    /// <summary>Writes the first report; an exception here (no room for even the health file) refuses the start.</summary>
    public void WriteInitial()
    {
        lock (gate)
        {
            counts = Count();
            current = Compose();
            Write(current);
        }
    }

    public void CycleSucceeded(Instant now)
    {
        lock (gate)
        {
            if (failure is not null)
                logger.LogWarning("{StateFile}: evaluation succeeds again after \"{Failure}\" ({Suppressed} failed evaluation(s) not logged one by one)",
                    settings.StateFile, failure, suppressed);
            failure = null;
            failureLoggedAt = null;
            suppressed = 0;
            lastSuccess = now.ToDateTimeOffset();
            Refresh();
        }
    }

    /// <summary>Logs the failure (a storage fault at most once per <see cref="FailureLogInterval"/>) and marks the worker unhealthy.</summary>
    public void CycleFailed(Instant now, string trigger, Exception e)
    {
        lock (gate)
        {
            if (!StorageFault.Is(e))
            {
                failure = $"evaluation at {now} failed: {e.Message}";
                logger.LogError(e, "evaluation at {Now} ({Trigger}) failed: {Reason}", now, trigger, e.Message);
            }
            else
            {
                failure = $"{Path.GetFullPath(settings.StateFile)}: cannot write the state: {e.GetBaseException().Message} ({StorageFault.FreeSpace(settings.StateFile)})";
                var at = time.GetUtcNow();
                if (failureLoggedAt is { } logged && at - logged < FailureLogInterval) suppressed++;
                else
                {
                    failureLoggedAt = at;
                    logger.LogError("{Failure}; nothing recorded is lost, and evaluation resumes by itself when the disk has room again " +
                        "(retried every {Retry}; {Suppressed} failure(s) since the last line)", failure, settings.RetryAfterFailure, suppressed);
                    suppressed = 0;
                }
            }
            Refresh();
        }
    }

    private void Refresh()
    {
        try { counts = Count(); }
        catch (Exception e) when (StorageFault.Is(e) || e is System.Data.Common.DbException) { /* the last counts stand */ }
        current = Compose();
        try { Write(current); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug("could not update {HealthFile}: {Reason}", path, e.Message);
        }
    }

    private (int Pending, int Flagged) Count()
    {
        var waiting = store.Waiting();
        return (waiting.Count(r => r.Status == LedgerStatus.Pending), waiting.Count(r => r.Status == LedgerStatus.FailedFlagged));
    }

    private HealthReport Compose() => new(
        Healthy: failure is null,
        Reason: failure ?? (lastSuccess is null ? "starting: no evaluation yet" : "ok"),
        UpdatedAt: time.GetUtcNow(),
        LastSuccessfulCycle: lastSuccess,
        PendingRows: counts.Pending,
        FlaggedRows: counts.Flagged,
        RuleSet: rules is WatchedRuleSource watched ? watched.State : $"in force: {rules.Current.Obligations.Length} obligation(s)",
        Pid: Environment.ProcessId);

    /// <summary>In place, padded to <see cref="HealthReport.FileSize"/>: overwriting blocks the file already has needs no free space.</summary>
    private void Write(HealthReport report)
    {
        var json = report.ToJson();
        var bytes = Encoding.UTF8.GetBytes(json);
        if (bytes.Length >= HealthReport.FileSize)
            bytes = Encoding.UTF8.GetBytes((report with { Reason = report.Reason[..Math.Min(report.Reason.Length, 1000)] }).ToJson());
        var padded = new byte[HealthReport.FileSize];
        Array.Fill(padded, (byte)' ');
        bytes.AsSpan(0, Math.Min(bytes.Length, padded.Length - 1)).CopyTo(padded);
        padded[^1] = (byte)'\n';
        using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        file.Write(padded);
        file.Flush();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        heartbeat = time.CreateTimer(_ => { lock (gate) Refresh(); }, null, HeartbeatInterval, HeartbeatInterval);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        heartbeat?.Dispose();
        lock (gate)
        {
            current = Compose() with { Healthy = false, Reason = "the worker stopped" };
            try { Write(current); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return Task.CompletedTask;
    }

    public void Dispose() => heartbeat?.Dispose();
}
