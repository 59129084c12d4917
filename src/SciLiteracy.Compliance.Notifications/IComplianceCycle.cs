using NodaTime;
using SciLiteracy.Compliance.Notifications.Pipeline;

namespace SciLiteracy.Compliance.Notifications;

/// <summary>
/// One evaluation of every open occurrence at a moment: records what is due in the ledger, then sends it.
/// Idempotent: running it twice at the same moment, or late, never sends a notification twice.
/// `run` calls it from Quartz triggers; `simulate` calls it on a virtual clock. The outcome names every row delivered.
/// </summary>
public interface IComplianceCycle
{
    Task<CycleOutcome> RunAsync(Instant now, CancellationToken cancellationToken);
}
