using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>A unit recorded the work of an occurrence as done: no further reminders or escalations.</summary>
public sealed record Submission(OccurrenceKey Key, Instant At, string? By, string? Note)
{
    /// <summary>Where it was recorded (<see cref="Sources"/>).</summary>
    public string Source { get; init; } = Sources.Cli;
}
