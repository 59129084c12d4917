using NodaTime;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>
/// A message once it has left, without its bodies: what a cycle's outcome reports and the log records. (A weekly
/// summary of a county is a table of every unit × obligation; a cycle keeping a hundred of them would hold hundreds of MB.)
/// </summary>
public sealed record MessageEnvelope(string MessageId, ZonedDateTime Date, string To, string Subject)
{
    /// <summary>File name for the pickup folder: sortable by time, unique per message, the same on every run.</summary>
    public string FileName => $"{Date.ToInstant().InUtc().ToString("uuuuMMdd'T'HHmmss'Z'", null)}-{MessageId.Split('@')[0]}.eml";
}
