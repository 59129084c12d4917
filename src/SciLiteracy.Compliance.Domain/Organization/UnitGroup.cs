using System.Collections.Immutable;
using NodaTime;

namespace SciLiteracy.Compliance.Domain.Organization;

public sealed record UnitGroup(string Id, string Name, ImmutableArray<string> UnitIds);
