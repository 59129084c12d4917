using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

public static class NotificationKinds
{
    /// <summary>The name the ledger, `plan` and rule tests use: remind, urge, escalate, at-risk.</summary>
    public static string Name(NotificationKind kind) => kind == NotificationKind.AtRisk ? "at-risk" : kind.ToString().ToLowerInvariant();
}
