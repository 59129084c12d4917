namespace SciLiteracy.Compliance.Domain.Plans;

/// <summary>Why an obligation runs as long as it does: a standing duty, one bound to a plan, or (legacy) neither said.</summary>
public enum ObligationTerm { Unclassified, Standing, PlanBound }
