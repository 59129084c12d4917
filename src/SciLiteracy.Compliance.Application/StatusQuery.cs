using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>
/// Every occurrence due up to <see cref="AheadDays"/> days ahead: its state, the last notification sent, and whether it
/// was acknowledged, has an extension request or was reopened (`status`).
/// </summary>
public sealed class StatusQuery(RuleSet rules, IStateStore store)
{
    public const int AheadDays = 60;

    /// <summary>The JSON contract of `status --format json`.</summary>
    public sealed record OccurrenceStatus(string Obligation, string Unit, string UnitName, string Period, string Due, string State,
        string? SubmittedAt, string? ExtendedUntil, LastNotification? LastNotification, TargetProgress? Target,
        ActView? Acknowledged = null, RequestView? Requested = null, ActView? Reopened = null);

    public sealed record LastNotification(string Kind, int Step, string SentAt, IReadOnlyList<string> Recipients);

    /// <summary>Who did it, when, why and from where.</summary>
    public sealed record ActView(string By, string At, string? Reason, string Source);

    /// <summary>The latest extension request still pending.</summary>
    public sealed record RequestView(long Id, string Until, ActView Requested);

    /// <summary>The rows `status` lists and the counts of the backlog it prints (the same account as the weekly summary's).</summary>
    public sealed record StatusReport(IReadOnlyList<OccurrenceStatus> Rows, int Overdue, int Archived);

    /// <summary>
    /// The live occurrences (and with <paramref name="all"/> the archived ones: stale overdue items of ended plans, see
    /// <see cref="Backlog"/>, listed with state <c>archived</c>), by due date.
    /// </summary>
    public StatusReport Run(Instant now, bool all = false, int archiveAfterDays = Backlog.DefaultArchiveAfterDays)
    {
        var progress = store.Progress();
        var planner = OccurrenceStates.PlannerOver(rules, OccurrenceStatusView.Of(store, now), new KnownProgress(progress, now));
        var sent = store.Ledger().Where(r => r.Status == LedgerStatus.Sent).ToLookup(r => r.Key);
        var acknowledged = store.Acknowledgements();
        var pending = store.Requests(RequestStatus.Pending).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Last());
        var reopened = store.Reopenings().GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Last());
        var horizon = now + Duration.FromDays(AheadDays);
        var firstZone = rules.Directories.Values.FirstOrDefault()?.Jurisdiction.TimeZone ?? DateTimeZone.Utc;
        var backlog = Backlog.Of(planner, now, horizon.InZone(firstZone).Date,
            OccurrenceStates.SubmittedBy(store.Submissions(), now), OccurrenceStates.GrantedBy(store.Extensions(), now), archiveAfterDays);
        var archivedKeys = backlog.Archived.Select(t => t.Occurrence.Key).ToHashSet();
        var rows = backlog.Live.Concat(all ? backlog.Archived : [])
            .Where(t => t.Occurrence.Due.ToInstant() <= horizon)
            .OrderBy(t => t.Occurrence.Due.ToInstant()).ThenBy(t => t.Occurrence.Obligation.Id, StringComparer.Ordinal).ThenBy(t => t.Occurrence.Unit.Id, StringComparer.Ordinal)
            .Select(t =>
            {
                var key = t.Occurrence.Key;
                var zone = rules.DirectoryOf(t.Occurrence.Obligation).Jurisdiction.TimeZone;
                ActView View(Act a) => new(a.By, Iso.Of(a.At.InZone(zone)), a.Reason, a.Source);
                var status = ToStatus(t, now, sent[key], zone) with
                {
                    Target = TargetProgress.Of(t.Occurrence, progress, now),
                    Acknowledged = acknowledged.TryGetValue(key, out var a) ? View(a.Act) : null,
                    Requested = pending.TryGetValue(key, out var r) ? new RequestView(r.Id, Iso.Of(r.Until), View(r.Requested)) : null,
                    Reopened = reopened.TryGetValue(key, out var o) ? View(o.Act) : null,
                };
                return archivedKeys.Contains(key) ? status with { State = "archived" } : status;
            })
            .ToList();
        return new StatusReport(rows, backlog.Overdue, backlog.Archived.Count);
    }

    private static OccurrenceStatus ToStatus(TrackedOccurrence t, Instant now, IEnumerable<LedgerRow> sent, DateTimeZone zone)
    {
        var o = t.Occurrence;
        var last = sent.OrderBy(r => r.SentAt).ThenBy(r => r.ComposedAt).LastOrDefault();
        var lastGroup = last is null ? null
            : new LastNotification(last.Kind, last.Step, Iso.Of(last.SentAt!.Value.InZone(zone)),
                sent.Where(r => r.Kind == last.Kind && r.Step == last.Step).Select(r => r.Recipient).ToList());
        return new OccurrenceStatus(o.Obligation.Id, o.Unit.Id, o.Unit.Name, o.Period, Iso.Of(o.Due),
            t.StateAt(now).ToString().ToLowerInvariant(),
            t.Submission is null ? null : Iso.Of(t.Submission.At.InZone(zone)),
            t.Extension is null ? null : Iso.Of(t.Extension.Until),
            lastGroup, null);
    }
}
