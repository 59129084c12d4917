using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Notifications.Channels;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>The <c>email</c> channel: each message as an email from <paramref name="from"/> through the mail transport (SMTP or the pickup folder).</summary>
public sealed class EmailChannel(IMailTransport transport, string from) : INotificationChannel
{
    public string Name => ChannelNames.Email;

    public async Task SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        var mail = new OutgoingMessage(message.MessageId, message.Date, from, message.Address, message.Subject, message.TextBody, message.HtmlBody);
        try { await transport.SendAsync(mail, cancellationToken); }
        catch (MessageRejectedException e) { throw new ChannelRejectedException(e.Message, e); }
    }
}
