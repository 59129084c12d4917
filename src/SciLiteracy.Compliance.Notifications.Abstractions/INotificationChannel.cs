namespace SciLiteracy.Compliance.Notifications.Channels;

/// <summary>
/// Delivers rendered notifications on one channel, named by <see cref="Name"/> (<c>email</c>; a chat channel such as
/// <c>wecom</c> in its own project). The pipeline records every row before it calls <see cref="SendAsync"/> and marks
/// it by the <see cref="DeliveryResult"/> after it returns: refused for good (flagged at once, never retried by itself),
/// deferred (retried with backoff; the next message may go), unavailable (the rest of the outbox waits), uncertain (the
/// channel may have it: retried once more, counted a possible duplicate). An exception means unavailable.
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    /// <summary>How many messages may be in flight at once: one per connection, so a kill leaves at most this many sent but not marked sent.</summary>
    int Connections => 1;

    Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken);
}
