using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage decisions: the unit hears of the office's decisions (<see cref="DecisionNotice"/>) — an extension approved or
/// rejected, an occurrence reopened — once each, on every channel its people have an address on. Its people are those of
/// its own that the occurrence's ladder reaches (its liaison when it reaches none), and the person who asked. A decision
/// taken on a day off waits for the next working day's send window, as every message does; nothing before the epoch
/// is told, and nothing about an occurrence done since.
/// </summary>
public sealed class DecisionStage(PipelineOptions options) : ICycleStage
{
    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        foreach (var notice in DecisionNotice.Of(c.Store.Requests(), c.Store.Reopenings(), c.Now))
        {
            if (notice.Act.At < c.Epoch || c.Submissions.ContainsKey(notice.Key) || c.Planner.Find(notice.Key) is not { } occurrence) continue;
            var at = SendMoment(c.Rules, occurrence, notice.Act.At);
            if (at > c.Now) continue;
            var tracked = OccurrenceStates.Track(c.Planner, occurrence, c.Submissions, c.Extensions);
            foreach (var addressOn in Recipients(c.Planner, c.Rules.DirectoryOf(occurrence.Obligation), tracked.Occurrence, notice))
                c.Candidates.AddRange(c.RowsFor(addressOn, (_, address) => new LedgerRow(notice.Key, notice.Kind, checked((int)notice.Id), address,
                    LedgerStatus.Pending, 0, null, null, null, c.Now - at > options.Grace, at, c.Now, null)));
        }
        return Task.CompletedTask;
    }

    /// <summary>The decision's moment on a working day; otherwise the next working day's send window.</summary>
    public static Instant SendMoment(RuleSet rules, Occurrence occurrence, Instant decidedAt)
    {
        var jurisdiction = rules.DirectoryOf(occurrence.Obligation).Jurisdiction;
        var day = decidedAt.InZone(jurisdiction.TimeZone).Date;
        return rules.CalendarOf(jurisdiction).NextWorkingDayOnOrAfter(day) == day ? decidedAt : SummaryStage.Moment(rules, jurisdiction, day);
    }

    private static IEnumerable<Func<string, string?>> Recipients(Planner planner, UnitDirectory directory, Occurrence occurrence, DecisionNotice notice)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ownPeople = planner.Notifications(occurrence).SelectMany(n => n.Recipients).Where(r => r.UnitId == occurrence.Unit.Id)
            .Select(r => (r.Email, AddressOn: (Func<string, string?>)r.AddressOn)).ToList();
        if (ownPeople.Count == 0)
            ownPeople = directory.PeopleOf(occurrence.Unit.Id, Role.Liaison).Select(p => (p.Email, AddressOn: (Func<string, string?>)p.AddressOn)).ToList();
        var asker = notice.Request is { } request
            ? directory.People.Where(p => string.Equals(p.Email, request.Requested.By, StringComparison.OrdinalIgnoreCase))
                .Select(p => (p.Email, AddressOn: (Func<string, string?>)p.AddressOn))
            : [];
        foreach (var (email, addressOn) in ownPeople.Concat(asker))
            if (seen.Add(email)) yield return addressOn;
    }
}
