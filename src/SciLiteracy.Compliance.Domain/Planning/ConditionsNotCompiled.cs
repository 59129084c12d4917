namespace SciLiteracy.Compliance.Domain.Planning;

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
