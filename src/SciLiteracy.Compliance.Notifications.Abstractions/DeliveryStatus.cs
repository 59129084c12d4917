namespace SciLiteracy.Compliance.Notifications.Channels;

/// <summary>How one send ended; each calls for a different next step.</summary>
public enum DeliveryStatus
{
    /// <summary>The server accepted the message (250 after the data).</summary>
    Delivered,

    /// <summary>The server refused this message for good (a 5xx reply from a mail server, or a chat channel refusing the address: unknown recipient, content refused): never retried by itself.</summary>
    Refused,

    /// <summary>The server refused this message for now (a 4xx reply, e.g. greylisting): retry it later; the next message may go.</summary>
    Deferred,

    /// <summary>No server to talk to (refused, timed out, dropped before the data was sent): nothing was delivered; retry later, and so will the rest.</summary>
    Unavailable,

    /// <summary>
    /// The connection was lost after the whole message was sent but before the server's reply: the server may have it.
    /// Retried at most once more, and counted as a possible duplicate.
    /// </summary>
    Uncertain,
}
