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

/// <summary>Whether an occurrence's work was submitted or its deadline extended (the state file); none when unknown.</summary>
public interface IOccurrenceStatus
{
    (bool Submitted, bool Extended) Status(OccurrenceKey key);
}

/// <summary>
/// Conditions whose facts read the state (occurrence.Submitted/Extended, target.*): the pipeline hands them its view
/// of the state at each cycle's moment, so that a replay on a virtual clock sees what had happened by then.
/// </summary>
public interface IStateDependentConditions : IConditionEvaluator
{
    IConditionEvaluator Over(IOccurrenceStatus status, IProgressSource progress);
}

/// <summary>No conditions: every occurrence applies and every step is sent.</summary>
public sealed class AllConditionsHold : IConditionEvaluator
{
    public static readonly AllConditionsHold Instance = new();
    public bool Applies(Occurrence occurrence) => true;
    public bool StepApplies(PlannedNotification notification) => true;
}

/// <summary>
/// The default of a rule set loaded without compiling its conditions (RuleLoader.Load alone): rules without
/// conditions plan as before, and a condition is never silently ignored: asking it is a programming error.
/// </summary>
public sealed class ConditionsNotCompiled : IConditionEvaluator
{
    public static readonly ConditionsNotCompiled Instance = new();

    public bool Applies(Occurrence occurrence) =>
        occurrence.Obligation.When is not { } when ? true : throw NotCompiled(when);

    public bool StepApplies(PlannedNotification notification)
    {
        if (notification.Kind != NotificationKind.Remind && notification.Occurrence.Obligation.EscalateWhen is { } escalateWhen)
            throw NotCompiled(escalateWhen);
        return notification.When is not { } when ? true : throw NotCompiled(when);
    }

    private static InvalidOperationException NotCompiled(Obligations.ConditionExpression condition) =>
        new($"{condition.Location}: the rule set was loaded without compiling its conditions; load it with RuleSetCompilation.Load (SciLiteracy.Compliance.Expressions)");
}
