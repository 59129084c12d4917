namespace SciLiteracy.Compliance.Notifications.Channels;

/// <summary>
/// Delivers rendered notifications on one channel, named by <see cref="Name"/> (<c>email</c>; a chat channel such as
/// <c>wecom</c> in its own project). The pipeline records every row before it calls <see cref="SendAsync"/> and marks it
/// sent after it returns. Throw <see cref="ChannelRejectedException"/> when the channel refused this message only (the
/// next one may go); any other exception means the channel is unavailable for now, and the rest of the outbox waits.
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    Task SendAsync(ChannelMessage message, CancellationToken cancellationToken);
}
