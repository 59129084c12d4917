using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage 办结: work recorded as done withdraws the calendar invitations its emails carried. Every address that was sent an
/// email about the occurrence (a ladder step) gets one notice with the cancellation, once: the row's identity
/// (occurrence, done, 1, email, address) is in the ledger from then on; a reopening (退办) archives it with the rest.
/// </summary>
public sealed class DoneStage : ICycleStage
{
    // A submission recorded while the previous cycle ran can be older than that cycle's mark: look back a little, dedupe
    // keeps it to once.
    private static readonly Duration LookBack = Duration.FromDays(7);

    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        var since = (c.Store.PlannedUntil() ?? c.Epoch) - LookBack;
        foreach (var s in c.Submissions.Values.Where(s => s.At >= c.Epoch && s.At > since).OrderBy(s => s.Key.ToString(), StringComparer.Ordinal))
        {
            var told = c.Store.RowsOf(s.Key)
                .Where(r => r.Channel == ChannelNames.Email && NotificationKinds.IsLadderStep(r.Kind) && r.Status == LedgerStatus.Sent)
                .Select(r => r.Recipient).Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var address in told)
                c.Candidates.Add(new LedgerRow(s.Key, NotificationKinds.Done, 1, address, LedgerStatus.Pending, 0, null, null, null, false, s.At, c.Now, null)
                    { Channel = ChannelNames.Email });
        }
        return Task.CompletedTask;
    }
}
