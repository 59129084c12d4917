using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>
/// The notification pipeline: runs <see cref="PipelineStages"/> in order for one moment. Everything it decides follows
/// from the rules, the state and <c>now</c>, so a virtual clock replays it exactly. Built by the composition root only.
/// </summary>
public sealed class NotificationPipeline(IRuleSource rules, IStateStore store, IEnumerable<INotificationChannel> channels,
    Func<IReadOnlyDictionary<string, INotificationChannel>, IReadOnlyList<ICycleStage>> stages) : IComplianceCycle
{
    private readonly IReadOnlyDictionary<string, INotificationChannel> byName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private IReadOnlyList<string> ChannelNamesInOrder => [.. byName.Keys.Where(n => n == ChannelNames.Email), .. byName.Keys.Where(n => n != ChannelNames.Email).Order(StringComparer.Ordinal)];

    private IReadOnlyList<ICycleStage>? stageList;

    // Two triggers firing together (schedule and retry) must not both pick up the same pending rows.
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    // Dedupe without reading the ledger each cycle: the identity of every row, read once and kept in step with what the
    // cycles record. A reopening (退办) archives rows from outside the pipeline: then the identities are read again.
    private HashSet<LedgerIdentity>? recordedIdentities;
    private int reopeningsSeen = -1;

    public IStateStore Store => store;

    /// <summary>When the outbox next has a retry due, for the worker to schedule a wake-up; null when nothing waits.</summary>
    public Instant? NextRetryAt() => store.Waiting()
        .Where(r => r.Status == LedgerStatus.Pending && r.NextAttemptAt is not null)
        .Select(r => r.NextAttemptAt).Min();

    public async Task<CycleOutcome> RunAsync(Instant now, CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var reopenings = store.Reopenings().Count;
            if (recordedIdentities is null || reopenings != reopeningsSeen) (recordedIdentities, reopeningsSeen) = (store.Identities(), reopenings);
            var cycle = new CycleContext(now, rules.Current, store, ChannelNamesInOrder, recordedIdentities);
            foreach (var stage in stageList ??= stages(byName))
                await stage.RunAsync(cycle, cancellationToken);
            return cycle.Outcome();
        }
        finally { oneAtATime.Release(); }
    }
}
