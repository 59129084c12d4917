using SciLiteracy.Compliance.Notifications.Channels;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using SciLiteracy.Compliance.Notifications.Mail;

namespace SciLiteracy.Compliance.Benchmarks.Mail;

/// <summary>
/// The transport the service had before MailKit, kept here only as the benchmark's baseline: System.Net.Mail, one new
/// connection per message (its SmtpClient pools nothing across instances and is not recommended for new development).
/// </summary>
public sealed class LegacySmtpTransport(string host, int port) : IMailTransport
{
    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        using var mail = new MailMessage(message.From, message.To)
        {
            Subject = message.Subject, SubjectEncoding = Encoding.UTF8, HeadersEncoding = Encoding.UTF8, BodyEncoding = Encoding.UTF8,
        };
        mail.Headers.Add("Message-ID", $"<{message.MessageId}>");
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html));
        using var client = new SmtpClient(host, port);
        await client.SendMailAsync(mail, cancellationToken);
        return DeliveryResult.Delivered;
    }
}
