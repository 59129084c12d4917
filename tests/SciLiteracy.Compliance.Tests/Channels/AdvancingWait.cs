using NodaTime;
using SciLiteracy.Compliance.Channels.Robots;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>
/// A robot's wait on the worker's virtual clock, which stands still while a cycle runs: waiting until a moment moves the
/// clock there, as time would pass. The limiter, the server's measurements and the signatures all read that clock.
/// </summary>
public sealed class AdvancingWait(ManualTimeProvider time) : IRobotWait
{
    public Task UntilAsync(Instant moment, CancellationToken cancellationToken)
    {
        if (moment > Instant.FromDateTimeOffset(time.GetUtcNow())) time.MoveTo(moment.ToDateTimeOffset());
        return Task.CompletedTask;
    }
}
