using NodaTime;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>One email as composed: everything a transport needs, nothing taken from the wall clock.</summary>
public sealed record OutgoingMessage(
    string MessageId,
    ZonedDateTime Date,
    string From,
    string To,
    string Subject,
    string TextBody,
    string HtmlBody)
{
    /// <summary>File name for the pickup folder: sortable by time, unique per message, the same on every run.</summary>
    public string FileName => $"{Date.ToInstant().InUtc().ToString("uuuuMMdd'T'HHmmss'Z'", null)}-{MessageId.Split('@')[0]}.eml";
}

/// <summary>Where messages go: an SMTP server, or a folder of .eml files.</summary>
public interface IMailTransport
{
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}
