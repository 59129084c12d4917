using System.Collections.Immutable;
using NodaTime;

namespace SciLiteracy.Compliance.Domain.Organization;

public sealed record Person(string UnitId, Role Role, string Name, string Email);
