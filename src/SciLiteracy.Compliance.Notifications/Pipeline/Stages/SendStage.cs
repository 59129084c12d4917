using NodaTime;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage send: each rendered message on its channel, then its rows marked by how the send ended (see
/// <see cref="DeliveryStatus"/>). Refused (5xx) fails only that message and is flagged at once; deferred (4xx) and
/// unavailable are retried with backoff up to <see cref="PipelineOptions.MaxAttempts"/>; a reply lost after the data is
/// retried once more and counted a possible duplicate. A flagged message waits for the office (`scilit retry`), never for
/// a timer (the failure notice is <see cref="FlagStage"/>'s). A channel that is unavailable stops this cycle's sending:
/// the rest of the outbox waits, untouched, for the next evaluation.
/// </summary>
public sealed class SendStage(IReadOnlyDictionary<string, INotificationChannel> channels, PipelineOptions options) : ICycleStage
{
    /// <summary>
    /// Starts the error of rows whose connection was lost after the data was sent: the channel may have the message. A sent
    /// row that carries it is a possible duplicate (count them in the ledger with <c>last_error LIKE 'possible duplicate:%'</c>).
    /// </summary>
    public const string PossibleDuplicate = "possible duplicate: ";

    private sealed record Sending(List<LedgerRow> Rows, ChannelMessage Message, DeliveryResult Result, ISendClaim? Claim);

    public async Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        var store = c.Store;
        // At most one message in flight per connection: a kill leaves at most that many sent but not marked sent.
        var inFlight = new List<Task<Sending>>();
        var unavailable = new HashSet<string>(StringComparer.Ordinal);
        async Task SettleOneAsync()
        {
            var done = await Task.WhenAny(inFlight);
            inFlight.Remove(done);
            var sending = await done;
            if (Settle(sending, c)) unavailable.Add(sending.Message.Channel);
        }
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
            while (inFlight.Count >= Math.Max(1, channel.Connections) && !unavailable.Contains(channel.Name)) await SettleOneAsync();
            // A server that is down or hangs would fail every other message too, each after its timeout.
            if (unavailable.Contains(channel.Name)) continue;
            // In a cluster another worker may be sending the same message: only the worker that claims it sends it.
            // A store shared by several workers (PostgreSQL) hands out the message's rows: only the holder sends them, and a
            // submission made through another worker since this cycle read the state stops the send.
            ISendClaim? claim = null;
            if (store is ILedgerClaims ledgerClaims && (claim = ledgerClaims.Claim(message.MessageId, c.Now)) is null) continue;
            inFlight.Add(SendOneAsync(channel, rows, message, claim, cancellationToken));
        }
        while (inFlight.Count > 0) await SettleOneAsync();
    }

    private static async Task<Sending> SendOneAsync(INotificationChannel channel, List<LedgerRow> rows, ChannelMessage message, ISendClaim? claim, CancellationToken cancellationToken)
    {
        try { return new(rows, message, await channel.SendAsync(message, cancellationToken), claim); }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new(rows, message, DeliveryResult.Unavailable(e.GetBaseException().Message), claim);
        }
        catch
        {
            claim?.Dispose(); // cancelled: the rows stay pending for the next start
            throw;
        }
    }

    /// <summary>Marks a message's rows by how its send ended; true when the channel is unavailable and its sending should stop.</summary>
    private bool Settle(Sending s, CycleContext c)
    {
        using var claim = s.Claim;
        void Write(IReadOnlyList<LedgerRow> changed)
        {
            if (claim is null) c.Store.Update(changed);
            else claim.Complete(changed);
        }
        var (rows, message, result, _) = s;
        var envelope = new MessageEnvelope(message.MessageId, message.Date, message.Address, message.Subject);
        var attempts = rows.Max(r => r.Attempts) + 1;
        // Once a reply was lost after the data, a copy may be at the server: that stays on the rows, sent or not.
        var mayHaveArrived = rows.Any(r => r.LastError?.StartsWith(PossibleDuplicate, StringComparison.Ordinal) == true);
        if (result.Status == DeliveryStatus.Delivered)
        {
            var done = rows.Select(r => r with
            {
                Status = LedgerStatus.Sent, Attempts = attempts, NextAttemptAt = null, SentAt = c.Now,
                LastError = mayHaveArrived ? PossibleDuplicate + "delivered; an earlier attempt whose reply was lost may have been delivered too" : null,
            }).ToList();
            Write(done);
            c.Sent.Add(new DeliveredMessage(envelope, done));
            return false;
        }
        // Refused (5xx) is final at once; a lost reply is retried once, never twice; the rest up to MaxAttempts.
        var giveUp = result.Status == DeliveryStatus.Refused
            || (result.Status == DeliveryStatus.Uncertain && mayHaveArrived)
            || attempts >= options.MaxAttempts;
        var error = (mayHaveArrived || result.Status == DeliveryStatus.Uncertain ? PossibleDuplicate : "") +
            (result.Status == DeliveryStatus.Refused ? "refused by the server: " : "") + result.Reply;
        Write(rows.Select(r => r with
        {
            Status = giveUp ? LedgerStatus.FailedFlagged : LedgerStatus.Pending,
            Attempts = attempts, NextAttemptAt = giveUp ? null : c.Now + Backoff(attempts), LastError = error,
        }).ToList());
        c.Failed.Add((envelope, error));
        if (giveUp) c.Flags.AddRange(FlagStage.FailureNotice(c, rows, message, options.From));
        return result.Status == DeliveryStatus.Unavailable;
    }

    private Duration Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        return Duration.FromTicks((long)Math.Min(options.RetryBase.TotalTicks * factor, options.RetryMax.TotalTicks));
    }
}
