using NodaTime;
using SciLiteracy.Compliance.Domain;

namespace SciLiteracy.Compliance.Notifications;

/// <summary>
/// One evaluation of every open occurrence at a moment: records what is due in the ledger, then sends it.
/// Idempotent: running it twice at the same moment, or late, never sends a notification twice.
/// `run` calls it from Quartz triggers; `simulate` calls it on a virtual clock.
/// </summary>
public interface IComplianceCycle
{
    Task<CycleReport> RunAsync(Instant now, CancellationToken cancellationToken);
}
