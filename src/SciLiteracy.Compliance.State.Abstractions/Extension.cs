using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>A new due date granted for an occurrence; the latest one recorded wins.</summary>
public sealed record Extension(OccurrenceKey Key, LocalDate Until, string Reason, Instant At);
