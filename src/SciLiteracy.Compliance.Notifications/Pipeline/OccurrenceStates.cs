using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>
/// Applies submissions and extensions to the planner's occurrences. The plan stage of the pipeline and
/// `scilit status` both use it, so they always agree on what is open and when it is due.
/// </summary>
public static class OccurrenceStates
{
    /// <summary>A planner whose conditions read this view of the state (occurrence.Submitted/Extended, target.*).</summary>
    public static Planner PlannerOver(RuleSet set, IOccurrenceStatus status, IProgressSource progress) =>
        new(set, set.Conditions is IStateDependentConditions conditions ? conditions.Over(status, progress) : set.Conditions);

    public static IReadOnlyList<TrackedOccurrence> Around(Planner planner, Instant now, IStateStore store) =>
        Around(planner, now, SubmittedBy(store.Submissions(), now), GrantedBy(store.Extensions(), now));

    /// <summary>Submissions recorded at or before <paramref name="now"/>: on a virtual clock, later ones have not happened yet.</summary>
    public static IReadOnlyDictionary<OccurrenceKey, Submission> SubmittedBy(IReadOnlyDictionary<OccurrenceKey, Submission> submissions, Instant now) =>
        submissions.Values.Where(s => s.At <= now).ToDictionary(s => s.Key);

    /// <summary>Extensions granted at or before <paramref name="now"/>; until then the original ladder applies.</summary>
    public static IReadOnlyDictionary<OccurrenceKey, Extension> GrantedBy(IReadOnlyDictionary<OccurrenceKey, Extension> extensions, Instant now) =>
        extensions.Values.Where(e => e.At <= now).ToDictionary(e => e.Key);

    public static IReadOnlyList<TrackedOccurrence> Around(Planner planner, Instant now,
        IReadOnlyDictionary<OccurrenceKey, Submission> submissions, IReadOnlyDictionary<OccurrenceKey, Extension> extensions,
        string? jurisdictionId = null)
    {
        var today = now.InUtc().Date;
        return Within(planner, today.PlusDays(-Planner.MaxReachDays), today.PlusDays(Planner.MaxReachDays), submissions, extensions, jurisdictionId);
    }

    /// <summary>
    /// The occurrences with a nominal due date in [from, to] (of one jurisdiction, when given), and every extended one:
    /// an extension can carry an occurrence far from its nominal date; it stays tracked.
    /// </summary>
    public static IReadOnlyList<TrackedOccurrence> Within(Planner planner, LocalDate from, LocalDate to,
        IReadOnlyDictionary<OccurrenceKey, Submission> submissions, IReadOnlyDictionary<OccurrenceKey, Extension> extensions,
        string? jurisdictionId = null)
    {
        var occurrences = planner.Occurrences(from, to, jurisdictionId).ToList();
        var seen = occurrences.Select(o => o.Key).ToHashSet();
        foreach (var key in extensions.Keys.OrderBy(k => k.ToString(), StringComparer.Ordinal))
            if (!seen.Contains(key) && planner.Find(key) is { } extra && (jurisdictionId is null || extra.Obligation.JurisdictionId == jurisdictionId))
                occurrences.Add(extra);
        return occurrences.Select(o => Track(planner, o, submissions, extensions)).ToList();
    }

    public static TrackedOccurrence Track(Planner planner, Occurrence occurrence,
        IReadOnlyDictionary<OccurrenceKey, Submission> submissions, IReadOnlyDictionary<OccurrenceKey, Extension> extensions)
    {
        var extension = extensions.GetValueOrDefault(occurrence.Key);
        var effective = extension is null ? occurrence : planner.Extend(occurrence, extension.Until);
        return new TrackedOccurrence(effective, submissions.GetValueOrDefault(occurrence.Key), extension);
    }
}
