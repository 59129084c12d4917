using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Pipeline.Stages;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>
/// Every occurrence in a window and every notification it causes if nothing is submitted (`plan`), with the office's
/// weekly summaries the window will send, as `simulate` would send them.
/// </summary>
public sealed class PlanQuery(RuleSet rules, IStateStore? store, PipelineOptions? options = null)
{
    /// <summary>The JSON contract of `plan --format json` (docs/rule-format.md).</summary>
    public sealed record PlannedOccurrence(
        string Obligation, string Jurisdiction, string Unit, string UnitName, string Period, string Due, bool Assumed,
        IReadOnlyList<PlannedMessage> Notifications, TargetProgress? Target = null)
    {
        /// <summary>Due in a year without holiday data: counted by weekends only, marked 待国务院安排确认 (docs/calendars.md).</summary>
        public bool Unconfirmed { get; init; }
    }

    public sealed record PlannedMessage(string Kind, int Step, string SendAt, IReadOnlyList<string> Recipients);

    /// <exception cref="UseCaseException">The window ends before it starts.</exception>
    public IReadOnlyList<PlannedOccurrence> Run(LocalDate from, LocalDate to, Instant now)
    {
        if (from > to) throw new UseCaseException($"error: --from {from:uuuu-MM-dd} is after --to {to:uuuu-MM-dd}");
        // Conditions read recorded progress, submissions and extensions.
        var progress = store?.Progress() ?? [];
        var planner = store is null ? new Planner(rules)
            : OccurrenceStates.PlannerOver(rules, OccurrenceStatusView.Of(store, now), new KnownProgress(progress, now));
        // An approved extension moves the ladder: the plan shows it at the new due date, as the pipeline sends it.
        var extensions = store is null ? null : OccurrenceStates.GrantedBy(store.Extensions(), now);
        var occurrences = planner.Plan(from, to, o => extensions?.GetValueOrDefault(o.Key) is { } e ? planner.Extend(o, e.Until) : o)
            .Select(p => ToContract(p.Occurrence, p.Notifications) with
            {
                Target = TargetProgress.Of(p.Occurrence, progress, JudgedAt(p.Occurrence, to, now)),
                Unconfirmed = UnconfirmedDueDates.IsUnconfirmed(rules, p.Occurrence),
            });
        return occurrences.Concat(WeeklySummaries(from, to)).OrderBy(o => o.Due, StringComparer.Ordinal).ToList();
    }

    /// <summary>One entry per jurisdiction and week: the summary to the office's liaison people, due at its send moment.</summary>
    private IEnumerable<PlannedOccurrence> WeeklySummaries(LocalDate from, LocalDate to)
    {
        // A day either side in UTC, then each jurisdiction's own local dates.
        var (start, end) = (from.PlusDays(-1).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), to.PlusDays(2).AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());
        foreach (var (directory, key, moment) in SummaryStage.MomentsBetween(rules, options ?? new PipelineOptions(), start, end))
        {
            var local = moment.InZone(directory.Jurisdiction.TimeZone);
            if (local.Date < from || local.Date > to) continue;
            if (directory.Office is not { } office) continue;
            var at = Iso.Of(local);
            var recipients = SummaryStage.RecipientsOf(directory).Select(p => p.Email).ToList();
            yield return new PlannedOccurrence(key.ObligationId, directory.Jurisdiction.Id, office.Id, office.Name, key.Period, at, false,
                [new PlannedMessage(NotificationKinds.Summary, 1, at, recipients)]);
        }
    }

    /// <summary>A window that ends in the past shows targets as they stood at its end, not as today judges them (met or missed).</summary>
    private static Instant JudgedAt(Occurrence o, LocalDate windowEnd, Instant now)
    {
        var end = windowEnd.At(Domain.Organization.Jurisdiction.EndOfDay).InZoneLeniently(o.Due.Zone).ToInstant();
        return end < now ? end : now;
    }

    private static PlannedOccurrence ToContract(Occurrence o, IEnumerable<PlannedNotification> notifications) => new(
        o.Obligation.Id, o.Obligation.JurisdictionId, o.Unit.Id, o.Unit.Name, o.Period, Iso.Of(o.Due), o.Obligation.Assumed,
        notifications.Select(n => new PlannedMessage(NotificationKinds.Name(n.Kind), n.Step, Iso.Of(n.SendAt), n.Recipients.Select(r => r.Email).ToList())).ToList());
}
