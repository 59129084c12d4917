using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>A unit asks for a new due date. Nothing moves until the office approves it (<see cref="DecideRequest"/>).</summary>
public sealed class RequestExtension(RuleSet rules, IStateStore store)
{
    public ExtensionRequest Run(OccurrenceKey key, LocalDate until, Act act)
    {
        var found = OccurrenceLookup.Find(rules, key);
        if (string.IsNullOrWhiteSpace(act.Reason)) throw new UseCaseException("error: an extension request needs a reason");
        if (until <= found.Due.Date) throw new UseCaseException($"error: {until:uuuu-MM-dd} is not after the due date {found.Due.Date:uuuu-MM-dd}");
        var id = store.RequestExtension(found.Key, until, act);
        return store.Requests().Single(r => r.Id == id);
    }
}
