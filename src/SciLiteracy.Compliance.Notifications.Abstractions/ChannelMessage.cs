using NodaTime;

namespace SciLiteracy.Compliance.Notifications.Channels;

/// <summary>
/// One rendered message for one address on one channel: the same subject and bodies on every channel (a chat channel
/// sends the text body). <see cref="Date"/> is when its rows were composed, never the wall clock.
/// </summary>
public sealed record ChannelMessage(
    string MessageId,
    ZonedDateTime Date,
    string Channel,
    string Address,
    string RecipientName,
    string Subject,
    string TextBody,
    string HtmlBody)
{
    /// <summary>Who the message speaks for: the office of the message's jurisdiction (e.g. 寻乌县纲要办).</summary>
    public string? SenderName { get; init; }

    /// <summary>Where replies go, where the channel has replies: the office's own address from the directory.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The list the message belongs to, so that recipients can filter: (id, description).</summary>
    public (string Id, string Description)? ListId { get; init; }

    /// <summary>Files that go with the message where the channel carries files: the email channel's calendar invitations.</summary>
    public IReadOnlyList<ChannelAttachment> Attachments { get; init; } = [];
}
