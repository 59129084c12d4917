using NodaTime;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>
/// Waits until <paramref name="clock"/> reads the moment, sleeping on <paramref name="time"/>; it reads the clock again after
/// each sleep, so a clock that runs faster than the timers (Compliance:Clock's speed) ends the wait sooner, never later.
/// </summary>
public sealed class ClockWait(IClock clock, TimeProvider time) : IRobotWait
{
    public async Task UntilAsync(Instant moment, CancellationToken cancellationToken)
    {
        for (var left = moment - clock.GetCurrentInstant(); left > Duration.Zero; left = moment - clock.GetCurrentInstant())
            await Task.Delay(left.ToTimeSpan(), time, cancellationToken);
    }
}
