using SciLiteracy.Compliance.Notifications.Channels;
using System.Collections.Concurrent;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>Keeps messages in memory: for rule tests, which judge what the pipeline sends, not how it travels.</summary>
public sealed class MemoryTransport : IMailTransport
{
    private readonly ConcurrentQueue<OutgoingMessage> messages = new();

    public IReadOnlyCollection<OutgoingMessage> Messages => messages;

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        messages.Enqueue(message);
        return Task.FromResult(DeliveryResult.Delivered);
    }
}
