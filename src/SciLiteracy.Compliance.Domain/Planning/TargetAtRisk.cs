using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>A unit whose latest measurement is behind the straight-line pace by more than the target's margin.</summary>
public sealed record TargetAtRisk(Occurrence Occurrence, TargetStanding Standing, ImmutableArray<PlannedNotification> Notifications);
