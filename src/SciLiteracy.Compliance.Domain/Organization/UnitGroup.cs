using System.Collections.Immutable;

namespace SciLiteracy.Compliance.Domain.Organization;

public sealed record UnitGroup(string Id, string Name, ImmutableArray<string> UnitIds);
