using NodaTime;

namespace SciLiteracy.Compliance.Worker;

/// <summary>The pipeline's NodaTime clock reading a <see cref="TimeProvider"/>, so that it and Quartz can share one clock.</summary>
public sealed class TimeProviderClock(TimeProvider time) : IClock
{
    public Instant GetCurrentInstant() => Instant.FromDateTimeOffset(time.GetUtcNow());
}
