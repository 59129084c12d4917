
namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage record: the new rows as pending (or folded) in one transaction before any byte leaves, the cancelled and
/// folded outbox rows, and the planned-until mark. Once in the store the rows are part of the ledger's identities;
/// until then a failed write leaves them new. An escalation's 督办单 number is given in that same transaction, so a
/// kill either records both or neither: numbers stay gap-free and are never given twice.
/// </summary>
public sealed class RecordStage : ICycleStage
{
    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        c.RecordedRows = c.Store.Record(c.NewRows, row => EscalationNumbering.SeriesOf(c.Rules, row));
        c.RecordedIdentities.UnionWith(c.PlannedIdentities);
        c.Store.Update([.. c.Cancelled, .. c.Obsolete]);
        c.Store.SetPlannedUntil(c.Now);
        return Task.CompletedTask;
    }
}
