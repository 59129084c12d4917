using NodaTime;
using SciLiteracy.Compliance.Notifications.Channels;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>
/// One email as composed: everything a transport needs, nothing taken from the wall clock. <paramref name="From"/> is the
/// configured sender's address; <see cref="FromName"/> the office it speaks for (e.g. 寻乌县纲要办).
/// </summary>
public sealed record OutgoingMessage(
    string MessageId,
    ZonedDateTime Date,
    string From,
    string To,
    string Subject,
    string TextBody,
    string HtmlBody)
{
    /// <summary>Display name of the sender: the office of the message's jurisdiction.</summary>
    public string? FromName { get; init; }

    /// <summary>Where replies go: the office's own address from the directory (the sender's mailbox is not read).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>List-Id of the jurisdiction's notices, so that recipients can filter them: (id, description).</summary>
    public (string Id, string Description)? ListId { get; init; }

    public IReadOnlyList<ChannelAttachment> Attachments { get; init; } = [];

    public MessageEnvelope Envelope => new(MessageId, Date, To, Subject);

    public string FileName => Envelope.FileName;
}
