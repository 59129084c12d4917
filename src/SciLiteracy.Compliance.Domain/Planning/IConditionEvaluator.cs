namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>
/// The seam through which the Planner asks the rules' conditions. The compiled implementation lives in
/// SciLiteracy.Compliance.Expressions; the Domain stays free of the compiler.
/// </summary>
public interface IConditionEvaluator
{
    /// <summary>The obligation's `when:`: does it apply to this unit and period?</summary>
    bool Applies(Occurrence occurrence);

    /// <summary>The step's own `when:` and, for urging and escalation steps, the obligation's `escalateWhen:`, at the step's send moment.</summary>
    bool StepApplies(PlannedNotification notification);
}
