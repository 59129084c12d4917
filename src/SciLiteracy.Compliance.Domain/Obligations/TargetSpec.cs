using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;

namespace SciLiteracy.Compliance.Domain.Obligations;

public sealed record TargetSpec(
    string Indicator,
    TargetValue? Baseline,
    decimal Value,
    LocalDate By,
    string Unit,
    TargetDirection Direction,
    decimal? AtRiskMargin);
