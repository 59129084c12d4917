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
        if (store.Submissions().ContainsKey(found.Key))
            throw new UseCaseException($"error: {found.Key} is already submitted; a closed occurrence cannot be extended", UseCaseRefusal.Closed);
        if (string.IsNullOrWhiteSpace(act.Reason)) throw new UseCaseException("error: an extension request needs a reason", UseCaseRefusal.ReasonMissing);
        if (until <= found.Due.Date)
            throw new UseCaseException($"error: {until:uuuu-MM-dd} is not after the due date {found.Due.Date:uuuu-MM-dd}", UseCaseRefusal.DateNotLater);
        // A due date falls on a working day (the packs move dates off days off); a requested one is refused rather than moved
        // silently, so the unit picks the day itself.
        if (!rules.CalendarOf(rules.DirectoryOf(found.Obligation).Jurisdiction).IsWorkingDay(until))
            throw new UseCaseException($"error: {until:uuuu-MM-dd} is not a working day; ask for a working day", UseCaseRefusal.DayOff);
        var id = store.RequestExtension(found.Key, until, act);
        return store.Requests().Single(r => r.Id == id);
    }
}
