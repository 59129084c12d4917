using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>签收: the unit has seen the occurrence. Urging and escalation for it stop; reminders go on until it is done.</summary>
public sealed class Acknowledge(RuleSet rules, IStateStore store)
{
    public Occurrence Run(OccurrenceKey key, Act act)
    {
        var found = OccurrenceLookup.Find(rules, key);
        if (store.Submissions().ContainsKey(found.Key)) throw new UseCaseException($"error: {found.Key} is already submitted; nothing to acknowledge", UseCaseRefusal.Closed);
        store.Acknowledge(new Acknowledgement(found.Key, act));
        return found;
    }
}
