using NodaTime;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>
/// How a robot's queue waits for its next slot, on the clock its limiter reads: the service waits on that clock
/// (<see cref="ClockWait"/>); a replay on a virtual clock that stands still during a cycle moves the clock instead.
/// </summary>
public interface IRobotWait
{
    Task UntilAsync(Instant moment, CancellationToken cancellationToken);
}
