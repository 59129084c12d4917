using NodaTime;
using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Obligations;

public sealed record TargetValue(decimal Value, LocalDate AsOf);
