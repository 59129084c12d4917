using SciLiteracy.Compliance.State;
using Microsoft.Extensions.Logging;
using NodaTime;
using Quartz;
using SciLiteracy.Compliance.Notifications;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// One evaluation at the clock's current instant, whichever trigger fired it. Triggers only decide when;
/// the cycle is idempotent against the ledger, so a late, missed or doubled firing loses and repeats nothing.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EvaluationJob(IComplianceCycle cycle, IClock clock, ILogger<EvaluationJob> logger, WorkerHealth health, WorkerSettings settings,
    TimeProvider time, Microsoft.Extensions.Hosting.IHostApplicationLifetime lifetime) : IJob
{
    public static readonly JobKey Key = new("evaluate", "compliance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var trigger = context.Trigger.Key.Name;
        // A stop cancels the evaluation at once, a send in flight included: its rows stay pending for the next start.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        cancellationToken = stopping.Token;
        try
        {
            var outcome = await cycle.RunAsync(now, cancellationToken);
            var report = outcome.Report;
            foreach (var row in outcome.Sent.SelectMany(m => m.Rows))
                LogSent(row);
            logger.LogInformation("evaluation at {Now} ({Trigger}): {Recorded} recorded, {Sent} sent, {Failed} failed, {Folded} folded",
                now, trigger, report.Recorded, report.Sent, report.Failed, report.Folded);
            health.CycleSucceeded(now);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("evaluation at {Now} ({Trigger}) stopped by shutdown; the next one resumes from the ledger", now, trigger);
        }
        catch (Exception e)
        {
            // The next trigger evaluates again from the ledger; one failure must not stop the schedule. A full disk is
            // retried soon (not only at the next safety tick), so sending resumes by itself once there is room.
            health.CycleFailed(now, trigger, e);
            await context.Scheduler.ScheduleJob(EvaluationSchedule.RetryTrigger(settings.RetryAfterFailure, time), ScheduleJobOptions.Replacing, CancellationToken.None);
        }
    }

    /// <summary>
    /// One line per notification delivered. Its fields are scope properties rather than message tokens: the file log's
    /// JSON holds only properties the message does not show, and `grep '"unit":"kexie"'` must find every one.
    /// </summary>
    private void LogSent(LedgerRow row)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["obligation"] = row.Key.ObligationId, ["unit"] = row.Key.UnitId, ["period"] = row.Key.Period,
            ["kind"] = row.Kind, ["step"] = row.Step, ["channel"] = row.Channel, ["recipient"] = row.Recipient, ["messageId"] = row.MessageId,
        });
        logger.LogInformation("sent {Notification}", $"{row.Kind} #{row.Step} of {row.Key} to {row.Recipient}");
    }
}
