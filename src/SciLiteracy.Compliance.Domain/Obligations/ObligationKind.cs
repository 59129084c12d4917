using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Obligations;

public enum ObligationKind { Report, Plan, Meeting, Activity, Phase, Evaluation, Commendation, Target }
