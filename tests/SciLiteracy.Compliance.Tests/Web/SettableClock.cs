using NodaTime;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>The pages' clock, set by the test: expiry and "days left" are checked against a moment it chooses.</summary>
public sealed class SettableClock(Instant now) : IClock
{
    public Instant Now { get; set; } = now;

    public Instant GetCurrentInstant() => Now;
}
