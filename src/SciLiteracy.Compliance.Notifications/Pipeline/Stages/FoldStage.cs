using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage fold and catch-up: per open occurrence only the latest due step is sent; earlier steps nobody was told about are
/// recorded as folded, and earlier steps still waiting in the outbox are folded too. An acknowledged occurrence has no
/// urging or escalation steps.
/// </summary>
public sealed class FoldStage(PipelineOptions options) : ICycleStage
{
    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        var waiting = c.Waiting.ToLookup(r => r.Key);
        foreach (var t in c.Tracked)
        {
            var acknowledged = c.Acknowledgements.ContainsKey(t.Occurrence.Key);
            var due = c.Planner.Notifications(t.Occurrence)
                .Where(n => n.Recipients.Length > 0 && n.SendAt.ToInstant() <= c.Now && n.SendAt.ToInstant() >= c.Epoch)
                .Where(n => !acknowledged || !InhibitStage.IsChasing(NotificationKinds.Name(n.Kind)))
                .ToList();
            if (due.Count == 0) continue;
            var latest = due.MaxBy(n => (n.SendAt.ToInstant(), n.Rank))!;
            foreach (var n in due)
            {
                var isLatest = ReferenceEquals(n, latest);
                var late = isLatest && c.Now - n.SendAt.ToInstant() > options.Grace;
                foreach (var r in n.Recipients)
                    c.Candidates.AddRange(c.RowsFor(r.AddressOn, (_, address) => new LedgerRow(t.Occurrence.Key, NotificationKinds.Name(n.Kind), n.Step, address,
                        isLatest ? LedgerStatus.Pending : LedgerStatus.Folded, 0, null, null, null, late, n.SendAt.ToInstant(), c.Now, null)));
            }
            var latestRank = latest.Rank;
            c.Obsolete.AddRange(waiting[t.Occurrence.Key]
                .Where(r => NotificationKinds.IsLadderStep(r.Kind) && NotificationKinds.Rank(r.Kind, r.Step) < latestRank)
                .Select(r => r with { Status = LedgerStatus.Folded, NextAttemptAt = null, LastError = "folded into a later step" }));
        }
        return Task.CompletedTask;
    }
}
