using NodaTime;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// Testing aid (Compliance:Clock): reads <see cref="VirtualClockSettings.StartAt"/> at the anchor and runs
/// <see cref="VirtualClockSettings.Speed"/> times faster than the real clock. A fixed anchor makes a
/// restarted worker continue the same virtual timeline instead of starting over.
/// </summary>
public sealed class VirtualClock(VirtualClockSettings settings, IClock realClock) : IClock
{
    private readonly Instant anchor = settings.Anchor ?? realClock.GetCurrentInstant();

    public Instant GetCurrentInstant()
    {
        var elapsed = realClock.GetCurrentInstant() - anchor;
        return settings.StartAt + Duration.FromTicks((long)(elapsed.BclCompatibleTicks * settings.Speed));
    }
}
