using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>When a cycle has something to do: the moments `simulate` and rule tests step through.</summary>
public static class TriggerMoments
{
    /// <summary>
    /// Every moment in [from, to] at which a cycle has something to do: each distinct send moment of a planned
    /// notification of an open occurrence, and each weekly-summary moment. `simulate` steps through these.
    /// </summary>
    public static IReadOnlyList<Instant> Between(RuleSet set, IStateStore store, PipelineOptions options, Instant from, Instant to)
    {
        var moments = new SortedSet<Instant>();
        var submissions = OccurrenceStates.SubmittedBy(store.Submissions(), from);
        var progress = store.Progress();
        var planner = Stages.PlanStage.PlannerAt(set, submissions, store.Extensions(), progress, to);
        // An extension granted inside the window switches ladders then: moments of both ladders count.
        var noExtensions = new Dictionary<OccurrenceKey, Extension>();
        var tracked = new[] { from, to }.SelectMany(at => new[] { noExtensions, store.Extensions() }
            .SelectMany(extensions => OccurrenceStates.Around(planner, at, submissions, extensions)));
        foreach (var t in tracked)
            if (t.IsOpen)
                foreach (var n in planner.Notifications(t.Occurrence))
                    if (n.Recipients.Length > 0 && n.SendAt.ToInstant() >= from && n.SendAt.ToInstant() <= to) moments.Add(n.SendAt.ToInstant());
        // Each measurement may start an at-risk ladder when it is recorded: the moments of every such ladder count.
        foreach (var known in progress.Select(r => r.RecordedAt).Where(m => m <= to).Append(to).Distinct())
            foreach (var risk in TargetRisk.Assess(planner, progress, known))
                foreach (var n in risk.Notifications)
                    if (n.Recipients.Length > 0 && n.SendAt.ToInstant() >= from && n.SendAt.ToInstant() <= to) moments.Add(n.SendAt.ToInstant());
        foreach (var summary in Stages.SummaryStage.MomentsBetween(set, options, from, to))
            moments.Add(summary.Moment);
        return moments.ToList();
    }
}
