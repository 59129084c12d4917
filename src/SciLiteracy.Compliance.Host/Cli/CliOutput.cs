using NodaTime;

namespace SciLiteracy.Compliance.Cli;

/// <summary>Where verbs write (stdout for results, stderr for diagnostics and errors) and the clock they read "now" from.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Err)
{
    /// <summary>Chosen once, where the process starts (<see cref="CommandLine.Invoke"/>); verbs never read the system clock themselves.</summary>
    public required IClock Clock { get; init; }
}
