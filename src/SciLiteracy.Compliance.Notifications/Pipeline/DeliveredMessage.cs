using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>A message the cycle handed to its channel, with the ledger rows it carries.</summary>
public sealed record DeliveredMessage(MessageEnvelope Message, IReadOnlyList<LedgerRow> Rows);
