using SciLiteracy.Compliance.Domain.Organization;

namespace SciLiteracy.Compliance.Domain.Obligations;

/// <summary>Who receives a step: a role in a unit found by its relation to the occurrence.</summary>
public sealed record RecipientSelector(Relation Relation, string? NamedUnitId, Role Role)
{
    public override string ToString() =>
        $"{(Relation == Relation.Named ? NamedUnitId : char.ToLowerInvariant(Relation.ToString()[0]) + Relation.ToString()[1..])}.{Role.ToString().ToLowerInvariant()}";
}
