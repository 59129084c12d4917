namespace SciLiteracy.Compliance.Notifications.Channels;

/// <summary>A file sent with a message (a calendar invitation): its name, MIME type ("text/calendar; method=REQUEST") and bytes.
/// The email channel attaches it; a channel without attachments leaves it out.</summary>
public sealed record ChannelAttachment(string FileName, string ContentType, byte[] Content);
