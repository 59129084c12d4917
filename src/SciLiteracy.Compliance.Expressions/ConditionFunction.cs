using SciLiteracy.Compliance.Expressions.Facts;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>A compiled condition: the facts of one occurrence at one moment in, whether it holds out.</summary>
public delegate bool ConditionFunction(OccurrenceFacts occurrence, UnitFacts unit, TargetFacts target, Date now);
