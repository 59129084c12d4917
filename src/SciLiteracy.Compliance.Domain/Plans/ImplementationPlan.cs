using NodaTime;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Plans;

/// <summary>
/// An implementation plan of a jurisdiction (e.g. 实施方案 2021—2025): obligations bound to it run from its first
/// to its last day; a successor plan is a new plan with its own obligations, entered by adding files.
/// </summary>
public sealed record ImplementationPlan(
    string Id, string JurisdictionId, string Title, LocalDate From, LocalDate To, SourceCitation Source, SourceSpan Location)
{
    public bool HasEndedBy(LocalDate today) => To < today;
}
