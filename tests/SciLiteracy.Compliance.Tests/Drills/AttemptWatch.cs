using NodaTime;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>
/// Follows the ledger of a running drill's state file, as `scilit status` would show it, every 50 ms of real time,
/// and notes per message the virtual moment each of its attempts was recorded: how a drill sees retries back off.
/// Start it once the worker has opened the state file, so that the two never create its schema at the same time.
/// </summary>
public sealed class AttemptWatch : IAsyncDisposable
{
    private readonly WorkerDrill drill;
    private readonly Dictionary<string, List<(Instant At, int Attempts)>> seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> recipients = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private readonly Task polling;

    public AttemptWatch(WorkerDrill drill)
    {
        this.drill = drill;
        polling = Task.Run(Poll);
    }

    private async Task Poll()
    {
        var store = TestState.Open(drill.StateFile);
        while (!stop.IsCancellationRequested)
        {
            var now = drill.VirtualNow;
            foreach (var message in store.Ledger().Where(r => r.MessageId is not null).GroupBy(r => r.MessageId!))
            {
                var attempts = message.Max(r => r.Attempts);
                if (!seen.TryGetValue(message.Key, out var moments)) seen[message.Key] = moments = [];
                if (attempts > 0 && (moments.Count == 0 || moments[^1].Attempts != attempts)) moments.Add((now, attempts));
                recipients[message.Key] = string.Join(",", message.Select(r => r.Recipient).Distinct(StringComparer.OrdinalIgnoreCase));
            }
            try { await Task.Delay(50, stop.Token); }
            catch (OperationCanceledException) { }
        }
    }

    /// <summary>Stops watching; per message, when each attempt was recorded (virtual time) and how many the ledger counts.</summary>
    public async Task<IReadOnlyList<MessageAttempts>> StopAsync()
    {
        await stop.CancelAsync();
        await polling;
        return seen.Select(s => new MessageAttempts(s.Key, recipients[s.Key], s.Value.Select(m => m.At).ToList(), s.Value.Count == 0 ? 0 : s.Value[^1].Attempts)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!polling.IsCompleted) await StopAsync();
        stop.Dispose();
    }
}

/// <param name="Moments">When each attempt was recorded: a failed one when it failed (a hung one when its timeout ended), a sent one once sent.</param>
public sealed record MessageAttempts(string MessageId, string Recipients, IReadOnlyList<Instant> Moments, int Attempts);
