using System.Collections.Immutable;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>A unit whose latest measurement is behind the straight-line pace by more than the target's margin.</summary>
public sealed record TargetAtRisk(Occurrence Occurrence, TargetStanding Standing, ImmutableArray<PlannedNotification> Notifications);
