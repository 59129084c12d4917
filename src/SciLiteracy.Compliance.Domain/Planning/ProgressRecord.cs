using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>One measurement of a target's indicator for one unit, as `scilit progress record` stored it.</summary>
public sealed record ProgressRecord(long Id, string Target, string Unit, decimal Value, LocalDate AsOf, string? Note, Instant RecordedAt);
