using NodaTime;
using SciLiteracy.Compliance.Notifications.Mail;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>What one cycle did, in detail: `simulate` prints it, `run` logs it.</summary>
public sealed record CycleOutcome(Instant At, CycleReport Report, IReadOnlyList<DeliveredMessage> Sent,
    IReadOnlyList<(MessageEnvelope Message, string Error)> Failed, int Cancelled);
