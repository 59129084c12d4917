using SciLiteracy.Compliance.Notifications.Channels;

namespace SciLiteracy.Compliance.Tests.Notifications.Channels;

/// <summary>
/// A channel that exists only in the tests (a stand-in for a chat channel): each message it is given is appended to an
/// inbox file as one line "message-id address subject". <see cref="HangAfter"/> makes it hang once it has delivered that
/// many messages, as a process does that is killed between the channel taking a message and the ledger marking it sent.
/// </summary>
public sealed class InboxChannel(string inboxFile, int? hangAfter = null) : INotificationChannel
{
    public const string ChannelName = "chat";
    private int delivered;

    public string Name => ChannelName;

    public int? HangAfter => hangAfter;

    public TaskCompletionSource Hanging { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        lock (this) File.AppendAllText(inboxFile, $"{message.MessageId} {message.Address} {message.Subject}\n");
        if (Interlocked.Increment(ref delivered) == hangAfter)
        {
            Hanging.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        return DeliveryResult.Delivered;
    }

    public static IReadOnlyList<(string MessageId, string Address)> Read(string inboxFile) => File.Exists(inboxFile)
        ? File.ReadAllLines(inboxFile).Select(l => l.Split(' ')).Select(p => (p[0], p[1])).ToList()
        : [];
}
