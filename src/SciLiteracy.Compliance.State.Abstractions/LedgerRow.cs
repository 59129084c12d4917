using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>
/// One notification to one address on one channel: (occurrence, kind, step, channel, address) is unique, so a row that
/// exists is never recorded again. Written before sending; the message id groups the rows sent as one message.
/// <see cref="Recipient"/> is the address on <see cref="Channel"/> (an email address on `email`).
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
    /// <summary>The channel the row goes out on (<see cref="ChannelNames"/>); rows written before channels existed are email.</summary>
    public string Channel { get; init; } = ChannelNames.Email;

    public LedgerIdentity Identity => new(Key, Kind, Step, Channel, Recipient.ToLowerInvariant());
}
