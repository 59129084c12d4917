using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Web.Actions;

/// <summary>A pending 申请延期 for the office to approve or reject.</summary>
public sealed record ExtensionRequestView(string Id, OccurrenceKey Key, string ObligationTitle, string UnitName, LocalDate CurrentDue,
    LocalDate RequestedUntil, string Reason, string RequestedBy, Instant RequestedAt);
