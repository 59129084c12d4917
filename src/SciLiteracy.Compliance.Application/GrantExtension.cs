using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>Grants an occurrence a new due date; its whole ladder moves with it. Returns the occurrence before and after.</summary>
public sealed class GrantExtension(RuleSet rules, IStateStore store)
{
    public (Occurrence Before, Occurrence After) Run(OccurrenceKey key, LocalDate until, Act act)
    {
        var found = OccurrenceLookup.Find(rules, key);
        if (string.IsNullOrWhiteSpace(act.Reason)) throw new UseCaseException("error: an extension needs a reason");
        store.Extend(Of(found.Key, until, act));
        return (found, new Planner(rules).Extend(found, until));
    }

    /// <summary>The extension an act grants: what `extend` records, and what approving a request records.</summary>
    public static Extension Of(OccurrenceKey key, LocalDate until, Act act) =>
        new(key, until, act.Reason ?? "", act.At) { By = act.By.Length == 0 ? null : act.By, Source = act.Source };
}
