using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Notifications.Channels;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>The <c>email</c> channel: each message as an email from <paramref name="from"/> through the mail transport (SMTP or the pickup folder).</summary>
public sealed class EmailChannel(IMailTransport transport, string from) : INotificationChannel
{
    public string Name => ChannelNames.Email;

    public int Connections => transport.Connections;

    public Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken) =>
        transport.SendAsync(new OutgoingMessage(message.MessageId, message.Date, from, message.Address, message.Subject, message.TextBody, message.HtmlBody)
        {
            FromName = message.SenderName, ReplyTo = message.ReplyTo, ListId = message.ListId, Attachments = message.Attachments,
        }, cancellationToken);
}
