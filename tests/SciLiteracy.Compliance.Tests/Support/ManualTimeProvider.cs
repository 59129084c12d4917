namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>
/// A clock that stands still until the test moves it, with timers that come due when it is moved past them
/// (Quartz 4.7 waits for its next trigger on timers of its TimeProvider, so moving this clock wakes it).
/// Timestamps follow the same clock, so nothing measures real time passing against it.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private DateTimeOffset now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate) return now;
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Moves the clock forward to <paramref name="moment"/> and runs every timer that is then due (each on the thread pool, as real timers do).</summary>
    public void MoveTo(DateTimeOffset moment)
    {
        List<ManualTimer> due;
        lock (gate)
        {
            if (moment < now) throw new InvalidOperationException($"the clock only moves forward: {moment:O} is before {now:O}");
            now = moment.ToUniversalTime();
            due = timers.Where(t => t.DueAt <= now).ToList();
            foreach (var t in due) t.Rearm(now);
        }
        foreach (var t in due) t.Fire();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan period = Timeout.InfiniteTimeSpan;

        public DateTimeOffset DueAt { get; private set; } = DateTimeOffset.MaxValue;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            bool dueNow;
            lock (clock.gate)
            {
                this.period = period;
                clock.timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    DueAt = DateTimeOffset.MaxValue;
                    return true;
                }
                DueAt = clock.now + dueTime;
                dueNow = dueTime <= TimeSpan.Zero;
                if (dueNow) Rearm(clock.now);
                if (DueAt != DateTimeOffset.MaxValue) clock.timers.Add(this);
            }
            if (dueNow) Fire();
            return true;
        }

        /// <summary>Called under the clock's lock when the timer has come due: next period, or disarmed.</summary>
        public void Rearm(DateTimeOffset at)
        {
            if (period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero)
            {
                DueAt = DateTimeOffset.MaxValue;
                clock.timers.Remove(this);
            }
            else DueAt = at + period;
        }

        public void Fire() => ThreadPool.QueueUserWorkItem(_ => callback(state));

        public void Dispose()
        {
            lock (clock.gate)
            {
                DueAt = DateTimeOffset.MaxValue;
                clock.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
