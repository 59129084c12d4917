using NodaTime;

namespace SciLiteracy.Compliance.Domain.Plans;

/// <summary>Which plans of a jurisdiction have ended without a successor: what validate warns about and the summary says.</summary>
public static class PlanLifecycle
{
    /// <summary>The latest plan of the jurisdiction when it has ended by <paramref name="today"/> and no plan runs after it.</summary>
    public static ImplementationPlan? EndedWithoutSuccessor(RuleSet rules, string jurisdictionId, LocalDate today)
    {
        var plans = rules.PlansOf(jurisdictionId);
        if (plans.Count == 0) return null;
        var latest = plans.MaxBy(p => p.To)!;
        return latest.HasEndedBy(today) ? latest : null;
    }
}
