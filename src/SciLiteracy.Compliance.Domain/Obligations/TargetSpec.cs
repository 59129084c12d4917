using NodaTime;
using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Obligations;

public sealed record TargetSpec(
    string Indicator,
    TargetValue? Baseline,
    decimal Value,
    LocalDate By,
    string Unit,
    TargetDirection Direction,
    decimal? AtRiskMargin);
