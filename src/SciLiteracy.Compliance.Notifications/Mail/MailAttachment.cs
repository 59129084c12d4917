namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>A file sent with a message (e.g. a calendar invitation): its name, MIME type ("text/calendar") and bytes.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Content);
