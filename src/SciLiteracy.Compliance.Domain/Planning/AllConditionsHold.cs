namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>No conditions: every occurrence applies and every step is sent.</summary>
public sealed class AllConditionsHold : IConditionEvaluator
{
    public static readonly AllConditionsHold Instance = new();
    public bool Applies(Occurrence occurrence) => true;
    public bool StepApplies(PlannedNotification notification) => true;
}
