namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage dedupe: a proposed row is new when the ledger has none of its identity and this cycle has not proposed one yet;
/// the first proposal wins. The identities come from memory, kept in step with what is recorded (see RecordStage).
/// </summary>
public sealed class DedupeStage : ICycleStage
{
    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        c.NewRows = c.Candidates.Where(r => !c.RecordedIdentities.Contains(r.Identity) && c.PlannedIdentities.Add(r.Identity)).ToList();
        return Task.CompletedTask;
    }
}
