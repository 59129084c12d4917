using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>A new due date granted for an occurrence; the latest one recorded wins.</summary>
public sealed record Extension(OccurrenceKey Key, LocalDate Until, string Reason, Instant At)
{
    /// <summary>Who granted it (null in files from before it was recorded) and from where (<see cref="Sources"/>).</summary>
    public string? By { get; init; }
    public string Source { get; init; } = Sources.Cli;

    /// <summary>How many extensions have been granted for the occurrence, this one included (the store counts them):
    /// a calendar invitation's SEQUENCE rises with it.</summary>
    public int Granted { get; init; } = 1;
}
