using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Rules.Diagnostics;

namespace SciLiteracy.Compliance.Application;

/// <summary>The occurrence a front end names by obligation, unit and period, or an error saying which part is wrong.</summary>
public static class OccurrenceLookup
{
    /// <exception cref="UseCaseException">No such obligation, unit or period, with the nearest names.</exception>
    public static Occurrence Find(RuleSet rules, OccurrenceKey key)
    {
        if (new Planner(rules).Find(key) is { } found) return found;
        if (!rules.ObligationsById.TryGetValue(key.ObligationId, out var obligation))
            throw new UseCaseException($"error: unknown obligation '{key.ObligationId}'{DidYouMean.Hint(key.ObligationId, rules.ObligationsById.Keys)}");
        if (!obligation.ResponsibleUnitIds.Contains(key.UnitId))
            throw new UseCaseException($"error: unit '{key.UnitId}' is not responsible for {obligation.Id}{DidYouMean.Hint(key.UnitId, obligation.ResponsibleUnitIds)}");
        throw new UseCaseException($"error: {obligation.Id} has no period '{key.Period}'; periods: " +
            string.Join(", ", obligation.Schedule.Periods().Select(p => p.Period).Take(12)));
    }
}
