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
    public MessageEnvelope Envelope => new(MessageId, Date, To, Subject);

    public string FileName => Envelope.FileName;
}

/// <summary>
/// A message once it has left, without its bodies: what a cycle's outcome reports and the log records. (A weekly
/// summary of a county is a table of every unit × obligation; a cycle keeping a hundred of them would hold hundreds of MB.)
/// </summary>
public sealed record MessageEnvelope(string MessageId, ZonedDateTime Date, string To, string Subject)
{
    /// <summary>File name for the pickup folder: sortable by time, unique per message, the same on every run.</summary>
    public string FileName => $"{Date.ToInstant().InUtc().ToString("uuuuMMdd'T'HHmmss'Z'", null)}-{MessageId.Split('@')[0]}.eml";
}

/// <summary>
/// Where messages go: an SMTP server, or a folder of .eml files. A failure is <see cref="MessageRejectedException"/>
/// when the server refused this message only; any other exception means the transport is unavailable for now.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>The server took the connection but refused this message (a recipient it does not accept): the next one may go.</summary>
public sealed class MessageRejectedException(string message, Exception inner) : Exception(message, inner);
