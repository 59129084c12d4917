using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>退办: opens a submitted occurrence again; its ladder starts again from the rules (what is due now goes at the next evaluation).</summary>
public sealed class ReopenOccurrence(RuleSet rules, IStateStore store)
{
    public Reopening Run(OccurrenceKey key, Act act)
    {
        var found = OccurrenceLookup.Find(rules, key);
        if (!store.Submissions().ContainsKey(found.Key)) throw new UseCaseException($"error: {found.Key} is not submitted; only a closed occurrence can be reopened", UseCaseRefusal.NotClosed);
        if (string.IsNullOrWhiteSpace(act.Reason)) throw new UseCaseException("error: reopening needs a reason", UseCaseRefusal.ReasonMissing);
        return store.Reopen(found.Key, act);
    }
}
