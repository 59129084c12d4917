using System.Collections.Immutable;
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
    decimal? AtRiskMargin)
{
    /// <summary>Area: one target for the whole area, judged once for the responsible (office or lead) unit.</summary>
    public TargetScope Scope { get; init; } = TargetScope.Unit;

    /// <summary>Units that contribute to an area target (told about it, not judged on their own).</summary>
    public ImmutableArray<string> ContributorUnitIds { get; init; } = [];
}
