using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage inhibit: a submission stops everything still waiting for its occurrence, including the outbox; an
/// acknowledgement (签收) stops the urging and escalations waiting for it (its reminders go on until it is done).
/// </summary>
public sealed class InhibitStage : ICycleStage
{
    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        foreach (var r in c.Waiting)
        {
            if (r.Kind == NotificationKinds.Done) continue; // the submission's own notice
            if (c.Submissions.ContainsKey(r.Key))
                c.Cancelled.Add(r with { Status = LedgerStatus.Cancelled, NextAttemptAt = null, LastError = "submitted before sending" });
            else if (c.Acknowledgements.ContainsKey(r.Key) && IsChasing(r.Kind))
                c.Cancelled.Add(r with { Status = LedgerStatus.Cancelled, NextAttemptAt = null, LastError = "acknowledged before sending" });
        }
        return Task.CompletedTask;
    }

    /// <summary>Urging and escalation chase an item nobody has acknowledged; reminders only remind.</summary>
    public static bool IsChasing(string kind) => kind == NotificationKinds.Urge || kind == NotificationKinds.Escalate;
}
