using NodaTime;
using SciLiteracy.Compliance.Domain;

namespace SciLiteracy.Compliance.Notifications;

/// <summary>The rules in force: the last set that passed validation. Reloads never replace it with a broken one.</summary>
public interface IRuleSource
{
    RuleSet Current { get; }

    /// <summary>Raised after a valid new rule set replaced the current one.</summary>
    event EventHandler<RuleSet>? Changed;
}

/// <summary>
/// One evaluation of every open occurrence at a moment: records what is due in the ledger, then sends it.
/// Idempotent: running it twice at the same moment, or late, never sends a notification twice.
/// `run` calls it from Quartz triggers; `simulate` calls it on a virtual clock.
/// </summary>
public interface IComplianceCycle
{
    Task<CycleReport> RunAsync(Instant now, CancellationToken cancellationToken);
}

public sealed record CycleReport(int Recorded, int Sent, int Failed, int Folded);
