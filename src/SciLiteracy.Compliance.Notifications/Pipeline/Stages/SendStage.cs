using NodaTime;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage send: each rendered message on its channel, then its rows marked sent; a failure is retried with backoff and,
/// after <see cref="PipelineOptions.MaxAttempts"/>, flagged (the failure notice is <see cref="FlagStage"/>'s). A channel
/// that is down stops this cycle's sending: the rest of the outbox waits, untouched, for the next evaluation.
/// </summary>
public sealed class SendStage(IReadOnlyDictionary<string, INotificationChannel> channels, PipelineOptions options) : ICycleStage
{
    public async Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        var store = c.Store;
        foreach (var (rows, composed) in c.Outbox)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (composed is not { } message)
            {
                store.Update(rows.Select(r => r with { Status = LedgerStatus.Cancelled, NextAttemptAt = null, LastError = "no longer in the rules" }).ToList());
                continue;
            }
            // A channel this build does not have (removed since the rows were recorded) leaves its rows waiting.
            if (!channels.TryGetValue(message.Channel, out var channel)) continue;
            var envelope = new MessageEnvelope(message.MessageId, message.Date, message.Address, message.Subject);
            try
            {
                await channel.SendAsync(message, cancellationToken);
                var done = rows.Select(r => r with { Status = LedgerStatus.Sent, Attempts = r.Attempts + 1, NextAttemptAt = null, LastError = null, SentAt = c.Now }).ToList();
                store.Update(done);
                c.Sent.Add(new DeliveredMessage(envelope, done));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = rows.Max(r => r.Attempts) + 1;
                var flagNow = attempts >= options.MaxAttempts && rows.Any(r => r.Status != LedgerStatus.FailedFlagged);
                store.Update(rows.Select(r => r with
                {
                    Status = attempts >= options.MaxAttempts ? LedgerStatus.FailedFlagged : LedgerStatus.Pending,
                    Attempts = attempts, NextAttemptAt = c.Now + Backoff(attempts), LastError = e.GetBaseException().Message,
                }).ToList());
                c.Failed.Add((envelope, e.GetBaseException().Message));
                if (flagNow) c.Flags.AddRange(FlagStage.FailureNotice(c, rows, message));
                // A server that is down or hangs would fail every other message too, each after its timeout.
                if (e is not ChannelRejectedException) break;
            }
        }
    }

    private Duration Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        return Duration.FromTicks((long)Math.Min(options.RetryBase.TotalTicks * factor, options.RetryMax.TotalTicks));
    }
}
