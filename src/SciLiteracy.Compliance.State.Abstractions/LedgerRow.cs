using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>
/// One notification to one recipient: (occurrence, kind, step, recipient) is unique, so a row that exists
/// is never recorded again. Written before sending; the message id groups the rows sent as one email.
/// </summary>
public sealed record LedgerRow(
    OccurrenceKey Key,
    string Kind,
    int Step,
    string Recipient,
    LedgerStatus Status,
    int Attempts,
    Instant? NextAttemptAt,
    string? LastError,
    string? MessageId,
    bool Late,
    Instant PlannedSendAt,
    Instant ComposedAt,
    Instant? SentAt)
{
    public (OccurrenceKey, string, int, string) Identity => (Key, Kind, Step, Recipient.ToLowerInvariant());
}
