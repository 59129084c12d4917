using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Pipeline.Stages;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>
/// The timeliness 通报 of a year (`scilit report`): per responsible unit, every occurrence whose nominal due date falls in
/// the year, judged against its due date as extended — done by it (on time), done after it (late, by the local calendar
/// days between), not done though due before <c>asOf</c> (missed); items not yet due and not done are left out — and the
/// extensions granted for them. Scored by a <see cref="ScoringRule"/> and ranked within each jurisdiction.
/// </summary>
public sealed class TimelinessReport(RuleSet rules, IStateStore store)
{
    public IReadOnlyList<UnitTimeliness> Run(int year, Instant asOf, ScoringRule rule, string? jurisdictionId = null)
    {
        var submissions = OccurrenceStates.SubmittedBy(store.Submissions(), asOf);
        var extensions = OccurrenceStates.GrantedBy(store.Extensions(), asOf);
        var planner = PlanStage.PlannerAt(rules, submissions, extensions, store.Progress(), asOf);
        var items = OccurrenceStates.Within(planner, new LocalDate(year, 1, 1), new LocalDate(year, 12, 31), submissions, extensions, jurisdictionId)
            .Where(t => t.Occurrence.NominalDue.Year == year && (t.Submission is not null || t.Occurrence.Due.ToInstant() < asOf));
        var rows = new List<UnitTimeliness>();
        foreach (var unit in items.GroupBy(t => (t.Occurrence.Obligation.JurisdictionId, t.Occurrence.Unit.Id)))
        {
            int onTime = 0, late = 0, lateDays = 0, missed = 0, extended = 0;
            foreach (var t in unit)
            {
                extended += t.Extension?.Granted ?? 0;
                if (t.Submission is not { } s) { missed++; continue; }
                var due = t.Occurrence.Due;
                if (s.At <= due.ToInstant()) { onTime++; continue; }
                late++;
                var days = Period.Between(due.Date, s.At.InZone(due.Zone).Date, PeriodUnits.Days).Days;
                lateDays += Math.Min(Math.Max(days, 1), rule.LateDaysCap); // late the same evening counts a day
            }
            var first = unit.First().Occurrence.Unit;
            rows.Add(new UnitTimeliness(0, unit.Key.JurisdictionId, first.Id, first.Name, unit.Count(), onTime, late, lateDays, missed, extended,
                rule.Score(missed, late, lateDays, extended)));
        }
        return rows.GroupBy(r => r.JurisdictionId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g =>
            {
                var ordered = g.OrderByDescending(r => r.Score).ThenBy(r => r.UnitId, StringComparer.Ordinal).ToList();
                return ordered.Select(r => r with { Rank = 1 + ordered.Count(o => o.Score > r.Score) });
            })
            .ToList();
    }
}
