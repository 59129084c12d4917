
namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage record: the new rows as pending (or folded) in one transaction before any byte leaves, the cancelled and
/// folded outbox rows, and the planned-until mark. Once in the store the rows are part of the ledger's identities;
/// until then a failed write leaves them new.
/// </summary>
public sealed class RecordStage : ICycleStage
{
    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        c.RecordedRows = c.Store.Record(c.NewRows);
        c.RecordedIdentities.UnionWith(c.PlannedIdentities);
        c.Store.Update([.. c.Cancelled, .. c.Obsolete]);
        c.Store.SetPlannedUntil(c.Now);
        return Task.CompletedTask;
    }
}
