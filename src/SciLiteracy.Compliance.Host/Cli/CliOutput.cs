using NodaTime;

namespace SciLiteracy.Compliance.Cli;

/// <summary>Where verbs write (stdout for results, stderr for diagnostics and errors) and the clock they read "now" from.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Err)
{
    public IClock Clock { get; init; } = SystemClock.Instance;
}
