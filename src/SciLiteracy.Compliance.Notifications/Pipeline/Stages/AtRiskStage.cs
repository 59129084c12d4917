using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage at-risk: every step of a target's at-risk ladder that is due goes once (its own kind in the ledger); each step
/// has its own recipients, so an earlier one is never folded into a later one. Progress recorded back on pace (or the
/// target date passing) stops the at-risk steps still waiting, as a submission stops a ladder.
/// </summary>
public sealed class AtRiskStage(PipelineOptions options) : ICycleStage
{
    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        c.AtRisk = TargetRisk.Assess(c.Planner, c.Progress, c.Now).Where(a => !c.Submissions.ContainsKey(a.Occurrence.Key)).ToList();
        foreach (var n in c.AtRisk.SelectMany(a => a.Notifications))
        {
            var at = n.SendAt.ToInstant();
            if (at > c.Now || at < c.Epoch) continue;
            foreach (var r in n.Recipients)
                c.Candidates.AddRange(c.RowsFor(r.AddressOn, (_, address) => new LedgerRow(n.Occurrence.Key, NotificationKinds.AtRisk, n.Step, address,
                    LedgerStatus.Pending, 0, null, null, null, c.Now - at > options.Grace, at, c.Now, null)));
        }
        var stillAtRisk = c.AtRisk.Select(a => a.Occurrence.Key).ToHashSet();
        c.Cancelled.AddRange(c.Waiting.Where(r => r.Kind == NotificationKinds.AtRisk && !stillAtRisk.Contains(r.Key) && !c.Submissions.ContainsKey(r.Key))
            .Select(r => r with { Status = LedgerStatus.Cancelled, NextAttemptAt = null, LastError = "no longer at risk before sending (progress back on pace, or the target date passed)" }));
        return Task.CompletedTask;
    }
}
