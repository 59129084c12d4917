using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Domain.Planning;

public enum NotificationKind { Remind, Urge, Escalate, AtRisk }
