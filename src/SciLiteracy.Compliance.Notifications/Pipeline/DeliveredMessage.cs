using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline.Stages;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>A message the cycle handed to its channel, with the ledger rows it carries.</summary>
public sealed record DeliveredMessage(MessageEnvelope Message, IReadOnlyList<LedgerRow> Rows)
{
    /// <summary>An earlier attempt lost its reply after the data was sent: the recipient may have this message twice.</summary>
    public bool PossibleDuplicate => Rows.Any(r => r.LastError?.StartsWith(SendStage.PossibleDuplicate, StringComparison.Ordinal) == true);
}
