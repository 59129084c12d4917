using SciLiteracy.Compliance.Notifications.Channels;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>
/// Where messages go: an SMTP server, or a folder of .eml files. The result says how a send ended (see
/// <see cref="DeliveryStatus"/>); an exception means the same as <see cref="DeliveryStatus.Unavailable"/>.
/// </summary>
public interface IMailTransport
{
    /// <summary>
    /// How many messages may be in flight at once: one per connection, never more, so that a kill can leave at most
    /// this many messages sent but not yet marked sent.
    /// </summary>
    int Connections => 1;

    Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
