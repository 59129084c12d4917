using NodaTime;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>
/// Paces one robot: for each of the platform's limits, at most Count requests in any Per. A request is counted from the
/// moment its reply arrived (the platform has it by then at the latest), so the platform never counts more than its limit
/// whatever the network's delay. Requests queue for their turn, one at a time per robot, and none is ever dropped; after
/// the platform's own limit error the robot rests (<see cref="Rest"/>) before the queue moves on.
/// </summary>
public sealed class RobotRateLimiter(IReadOnlyList<RateLimit> limits, IClock clock, IRobotWait wait)
{
    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly Lock gate = new();
    private readonly List<Instant> requests = [];
    private readonly int keep = limits.Max(l => l.Count);
    private Instant restUntil = Instant.MinValue;

    /// <summary>Waits for this robot's next slot, then makes the request.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            await wait.UntilAsync(NextSlot(), cancellationToken);
            try { return await request(cancellationToken); }
            finally { Counted(clock.GetCurrentInstant()); }
        }
        finally { turn.Release(); }
    }

    /// <summary>The platform said the robot is over its limit: nothing goes to it for <paramref name="backoff"/> from now.</summary>
    public void Rest(Duration backoff)
    {
        lock (gate)
        {
            var until = clock.GetCurrentInstant() + backoff;
            if (until > restUntil) restUntil = until;
        }
    }

    /// <summary>The earliest moment the next request may go: after the rest, and when every limit has room.</summary>
    public Instant NextSlot()
    {
        lock (gate)
        {
            var slot = restUntil;
            foreach (var limit in limits)
                if (requests.Count >= limit.Count && requests[^limit.Count] + limit.Per is var free && free > slot) slot = free;
            return slot;
        }
    }

    private void Counted(Instant at)
    {
        lock (gate)
        {
            requests.Add(at);
            if (requests.Count > keep) requests.RemoveRange(0, requests.Count - keep);
        }
    }
}
