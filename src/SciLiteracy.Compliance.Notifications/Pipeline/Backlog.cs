using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Domain.Plans;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>
/// One account of the backlog, which `status`, the weekly summary and `plan` all count: the occurrences due from
/// <see cref="Planner.MaxReachDays"/> days back to a horizon ahead, each open, submitted or overdue — and an overdue one
/// <b>archived</b> (counted apart, out of the open list) when it is stale: its plan (or, for a duty bound to none, its whole
/// schedule) has ended, and it has been overdue for longer than <see cref="ArchiveAfterDays"/>.
/// </summary>
public sealed record Backlog(IReadOnlyList<TrackedOccurrence> Live, IReadOnlyList<TrackedOccurrence> Archived, Instant Now)
{
    public const int DefaultArchiveAfterDays = 90;

    public int Overdue => Live.Count(t => t.StateAt(Now) == OccurrenceState.Overdue);
    public int Submitted => Live.Count(t => t.Submission is not null);
    public int Open => Live.Count(t => t.StateAt(Now) is OccurrenceState.Open or OccurrenceState.Extended);

    public static Backlog Of(Planner planner, Instant now, LocalDate horizon,
        IReadOnlyDictionary<OccurrenceKey, Submission> submissions, IReadOnlyDictionary<OccurrenceKey, Extension> extensions,
        int archiveAfterDays = DefaultArchiveAfterDays, string? jurisdictionId = null)
    {
        var live = new List<TrackedOccurrence>();
        var archived = new List<TrackedOccurrence>();
        var today = now.InUtc().Date;
        foreach (var t in OccurrenceStates.Within(planner, today.PlusDays(-Planner.MaxReachDays), horizon.PlusDays(21), submissions, extensions, jurisdictionId)
                     .Where(t => t.Occurrence.Due.Date <= horizon))
            (IsStale(planner.Rules, t, now, archiveAfterDays) ? archived : live).Add(t);
        return new Backlog(live, archived, now);
    }

    /// <summary>Overdue for longer than the age, of a plan that has ended (or a duty whose schedule has no period left).</summary>
    public static bool IsStale(RuleSet rules, TrackedOccurrence t, Instant now, int archiveAfterDays)
    {
        if (t.StateAt(now) != OccurrenceState.Overdue) return false;
        var o = t.Occurrence;
        var today = now.InZone(o.Due.Zone).Date;
        if (o.Due.Date.PlusDays(archiveAfterDays) >= today) return false;
        var plan = o.Obligation.PlanId is { } id ? rules.PlansOf(o.Obligation.JurisdictionId).FirstOrDefault(p => p.Id == id) : null;
        return plan is not null
            ? plan.HasEndedBy(today)
            : o.Obligation.Term != ObligationTerm.Standing && !o.Obligation.Schedule.Periods().Any(p => p.NominalDue >= today && rules.Runs(o.Obligation, p.NominalDue));
    }
}
