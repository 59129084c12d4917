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
    string HtmlBody);
