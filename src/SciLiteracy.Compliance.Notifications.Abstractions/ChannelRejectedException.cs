namespace SciLiteracy.Compliance.Notifications.Channels;

/// <summary>The channel took the connection but refused this message (an address it does not accept): the next one may go.</summary>
public sealed class ChannelRejectedException(string message, Exception? inner = null) : Exception(message, inner);
