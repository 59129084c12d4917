using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage plan: reads the state as of <c>now</c> and finds the occurrences that can have a step sent since the previous
/// cycle (due within the ladders' reach of that span, with such a step), every extended one and every reopened one.
/// </summary>
public sealed class PlanStage : ICycleStage
{
    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        var store = c.Store;
        c.Epoch = store.Epoch(c.Now);
        c.Submissions = OccurrenceStates.SubmittedBy(store.Submissions(), c.Now);
        c.Extensions = OccurrenceStates.GrantedBy(store.Extensions(), c.Now);
        c.Acknowledgements = store.Acknowledgements().Values.Where(a => a.Act.At <= c.Now).ToDictionary(a => a.Key);
        c.Progress = store.Progress();
        c.Planner = PlannerAt(c.Rules, c.Submissions, c.Extensions, c.Progress, c.Now);
        // Steps sent up to the previous cycle were planned then; only occurrences with a step since can bring anything new.
        var newSince = store.PlannedUntil() is { } plannedUntil ? plannedUntil + Duration.Epsilon : c.Epoch;
        c.Tracked = TrackedSince(c.Planner, newSince, c.Now, c.Submissions, c.Extensions);
        // A reopened occurrence starts its ladder again, however long ago its steps were planned.
        var tracked = c.Tracked.Select(t => t.Occurrence.Key).ToHashSet();
        foreach (var key in store.Reopenings().Select(r => r.Key).Distinct())
            if (!tracked.Contains(key) && c.Planner.Find(key) is { } occurrence
                && OccurrenceStates.Track(c.Planner, occurrence, c.Submissions, c.Extensions) is { IsOpen: true } reopened)
                c.Tracked.Add(reopened);
        c.Waiting = store.Waiting();
        return Task.CompletedTask;
    }

    // Conditions see the submissions, extensions and progress recorded by now: a replay on a virtual clock judges alike.
    public static Planner PlannerAt(RuleSet set, IReadOnlyDictionary<OccurrenceKey, Submission> submissions,
        IReadOnlyDictionary<OccurrenceKey, Extension> extensions, IReadOnlyList<ProgressRecord> progress, Instant now) =>
        OccurrenceStates.PlannerOver(set, new OccurrenceStatusView(submissions, extensions), new KnownProgress(progress, now));

    private static List<TrackedOccurrence> TrackedSince(Planner planner, Instant from, Instant now,
        IReadOnlyDictionary<OccurrenceKey, Submission> submissions, IReadOnlyDictionary<OccurrenceKey, Extension> extensions)
    {
        var today = now.InUtc().Date;
        var (before, after) = planner.Reach;
        // `from` is never before the epoch (it is the epoch on a new state file), and nothing before the epoch is sent.
        var earliest = LocalDate.Max(Instant.Min(from, now).InUtc().Date.PlusDays(-after - 1), today.PlusDays(-Planner.MaxReachDays));
        var latest = LocalDate.Min(today.PlusDays(before + 1), today.PlusDays(Planner.MaxReachDays));
        return OccurrenceStates.Within(planner, earliest, latest, submissions, extensions)
            .Where(t => t.IsOpen && (t.Extension is not null || planner.HasStepBetween(t.Occurrence, from - Duration.Epsilon, now)))
            .ToList();
    }
}
