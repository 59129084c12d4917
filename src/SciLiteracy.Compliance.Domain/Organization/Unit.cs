using System.Collections.Immutable;

namespace SciLiteracy.Compliance.Domain.Organization;

public sealed record Unit(string Id, string Name, UnitKind Kind, string? ParentId, ImmutableArray<string> LeadIds);
