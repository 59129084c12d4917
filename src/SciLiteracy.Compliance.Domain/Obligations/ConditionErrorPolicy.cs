using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Obligations;

/// <summary>What a condition that faults at run time (division by zero, no progress recorded) counts as.</summary>
public enum ConditionErrorPolicy { Applies, Skip }
