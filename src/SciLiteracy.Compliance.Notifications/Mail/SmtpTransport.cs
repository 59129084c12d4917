using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>SMTP connection settings; the password never appears in rule files.</summary>
public sealed record SmtpSettings(string Host, int Port, bool StartTls, string? User, string? Password)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a server that stops answering (Smtp:Timeout) before the attempt fails; it is retried with backoff.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// Reads Smtp:Host, Smtp:Port, Smtp:StartTls, Smtp:User, Smtp:Password, Smtp:Timeout from <paramref name="setting"/>
    /// (configuration), falling back to SCILIT_SMTP_HOST, … environment variables. Null when no host is set.
    /// </summary>
    /// <exception cref="FormatException">Smtp:Timeout is not a positive hh:mm:ss duration.</exception>
    public static SmtpSettings? Read(Func<string, string?> setting)
    {
        string? Get(string name) => setting("Smtp:" + name) is { Length: > 0 } v ? v
            : Environment.GetEnvironmentVariable("SCILIT_SMTP_" + name.ToUpperInvariant()) is { Length: > 0 } e ? e : null;
        if (Get("Host") is not { } host) return null;
        var port = int.TryParse(Get("Port"), out var p) ? p : 25;
        var startTls = bool.TryParse(Get("StartTls"), out var s) && s;
        var timeout = DefaultTimeout;
        // A colon is required: TimeSpan reads a bare "30" as thirty days, not the seconds meant.
        if (Get("Timeout") is { } text && !(text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out timeout) && timeout > TimeSpan.Zero))
            throw new FormatException($"Smtp:Timeout: '{text}' is not a positive duration; expected hh:mm:ss, e.g. 00:00:30");
        return new SmtpSettings(host, port, startTls, Get("User"), Get("Password")) { Timeout = timeout };
    }
}

/// <summary>Sends through an SMTP server with System.Net.Mail; one connection per message.</summary>
public sealed class SmtpTransport(SmtpSettings settings) : IMailTransport
{
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        using var mail = new MailMessage(message.From, message.To)
        {
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        mail.Headers.Add("Message-ID", $"<{message.MessageId}>");
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html));
        // Timeout holds for the asynchronous send too (.NET 10; the hang drill in SmtpDrillTests holds it to that).
        using var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.StartTls,
            Timeout = (int)Math.Min(settings.Timeout.TotalMilliseconds, int.MaxValue),
        };
        if (settings.User is not null) client.Credentials = new NetworkCredential(settings.User, settings.Password);
        try { await client.SendMailAsync(mail, cancellationToken); }
        catch (SmtpFailedRecipientException e) { throw new MessageRejectedException(e.Message, e); }
    }
}

public static class MailTransports
{
    /// <summary>SMTP when a host is configured, otherwise .eml files in the pickup folder.</summary>
    public static IMailTransport Create(SmtpSettings? smtp, string pickupFolder) =>
        smtp is null ? new PickupFolderTransport(pickupFolder) : new SmtpTransport(smtp);
}
