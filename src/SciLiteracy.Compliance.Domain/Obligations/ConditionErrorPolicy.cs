
namespace SciLiteracy.Compliance.Domain.Obligations;

/// <summary>What a condition that faults at run time (division by zero, no progress recorded) counts as.</summary>
public enum ConditionErrorPolicy { Applies, Skip }
