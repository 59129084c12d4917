
namespace SciLiteracy.Compliance.Domain.Obligations;

public enum ObligationKind { Report, Plan, Meeting, Activity, Phase, Evaluation, Commendation, Target }
