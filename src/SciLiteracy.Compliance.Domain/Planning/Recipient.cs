using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

public sealed record Recipient(string UnitId, string UnitName, Role Role, string Name, string Email);
