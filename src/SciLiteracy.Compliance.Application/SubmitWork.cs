using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>Records an occurrence's work as done: no later reminder or escalation for it, even one waiting in the outbox.</summary>
public sealed class SubmitWork(RuleSet rules, IStateStore store)
{
    public Occurrence Run(OccurrenceKey key, Act act)
    {
        var found = OccurrenceLookup.Find(rules, key);
        store.Submit(new Submission(found.Key, act.At, act.By.Length == 0 ? null : act.By, act.Reason) { Source = act.Source });
        return found;
    }
}
