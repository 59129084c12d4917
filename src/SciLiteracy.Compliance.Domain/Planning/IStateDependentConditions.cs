namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>
/// Conditions whose facts read the state (occurrence.Submitted/Extended, target.*): the pipeline hands them its view
/// of the state at each cycle's moment, so that a replay on a virtual clock sees what had happened by then.
/// </summary>
public interface IStateDependentConditions : IConditionEvaluator
{
    IConditionEvaluator Over(IOccurrenceStatus status, IProgressSource progress);
}
