using System.Collections.Concurrent;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Mail;

namespace SciLiteracy.Compliance.Bench;

/// <summary>
/// Counts what it is given, by Message-ID: the figures measure the pipeline, not a mail server or a disk full of .eml
/// files; several workers handing it the same message show as <see cref="Duplicates"/>.
/// </summary>
public sealed class CountingTransport : IMailTransport
{
    private readonly ConcurrentDictionary<string, int> sent = new(StringComparer.Ordinal);
    private long count;

    public long Count => Interlocked.Read(ref count);

    /// <summary>Messages handed over more than once.</summary>
    public long Duplicates => sent.Values.Sum(n => (long)n - 1);

    public Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref count);
        sent.AddOrUpdate(message.MessageId, 1, (_, n) => n + 1);
        return Task.FromResult(DeliveryResult.Delivered);
    }
}
