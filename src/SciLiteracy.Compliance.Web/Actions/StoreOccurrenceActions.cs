using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Web.Actions;

/// <summary>
/// The seam's adapter until the application layer's use cases (issue 12) land: what today's state store can do —
/// reading occurrences and their trace, 办结 as `scilit submit` — and a clear refusal for what needs the new tables
/// (签收, extension requests, their approval, 退办). Replaced by the use cases, not extended.
/// </summary>
public sealed class StoreOccurrenceActions(IRuleSource rules, IStateStore store) : IOccurrenceActions
{
    private const string NotYet = "此操作尚未启用：等待应用层（签收、延期申请、退办的记录）接入。请联系纲要办。";

    public OccurrenceView? Find(OccurrenceKey key, Instant now)
    {
        var planner = new Planner(rules.Current);
        if (planner.Find(key) is not { } occurrence) return null;
        var tracked = OccurrenceStates.Track(planner, occurrence, store.Submissions(), store.Extensions());
        return View(planner, tracked, store.Ledger().Where(r => r.Key == key).ToList(), now);
    }

    public IReadOnlyList<OccurrenceView> Board(string? jurisdictionId, Instant now)
    {
        var planner = new Planner(rules.Current);
        var ledger = store.Ledger().ToLookup(r => r.Key);
        return OccurrenceStates.Around(planner, now, store.Submissions(), store.Extensions(), jurisdictionId)
            .Where(t => t.IsOpen)
            .Select(t => View(planner, t, ledger[t.Occurrence.Key].ToList(), now))
            .ToList();
    }

    public IReadOnlyList<OccurrenceView> Ledger(string? jurisdictionId, LocalDate from, LocalDate to, Instant now)
    {
        var planner = new Planner(rules.Current);
        var ledger = store.Ledger().ToLookup(r => r.Key);
        return OccurrenceStates.Within(planner, from, to, store.Submissions(), store.Extensions(), jurisdictionId)
            .Select(t => View(planner, t, ledger[t.Occurrence.Key].ToList(), now))
            .ToList();
    }

    public IReadOnlyList<ExtensionRequestView> PendingRequests(string? jurisdictionId) => [];

    public ActionOutcome Complete(OccurrenceKey key, Actor actor, string? note, string? evidenceUrl)
    {
        if (store.Submissions().ContainsKey(key)) return ActionOutcome.Refused("此事项已办结，无需重复提交。");
        var text = string.Join(" ", new[] { note, evidenceUrl is { Length: > 0 } ? $"佐证：{evidenceUrl}" : null, $"（来自 {actor.From}）" }.Where(s => !string.IsNullOrWhiteSpace(s)));
        store.Submit(new Submission(key, actor.At, actor.Who, text));
        return ActionOutcome.Done("已办结：此后不再发送与此事项有关的提醒、催办或督办。");
    }

    public ActionOutcome Acknowledge(OccurrenceKey key, Actor actor) => ActionOutcome.Refused(NotYet);
    public ActionOutcome RequestExtension(OccurrenceKey key, Actor actor, LocalDate until, string reason) => ActionOutcome.Refused(NotYet);
    public ActionOutcome Approve(string requestId, Actor actor, string? note) => ActionOutcome.Refused(NotYet);
    public ActionOutcome Reject(string requestId, Actor actor, string reason) => ActionOutcome.Refused(NotYet);
    public ActionOutcome Reopen(OccurrenceKey key, Actor actor, string reason) => ActionOutcome.Refused(NotYet);

    private static OccurrenceView View(Planner planner, TrackedOccurrence t, IReadOnlyList<LedgerRow> rows, Instant now)
    {
        var o = t.Occurrence;
        var trace = new List<TraceEntry>();
        foreach (var row in rows.Where(r => r.SentAt is not null).OrderBy(r => r.SentAt))
            trace.Add(new TraceEntry(row.SentAt!.Value, $"发送{ChineseText.KindLabel(row.Kind)}（第 {row.Step} 步）", null, null, row.Recipient));
        if (t.Extension is { } e) trace.Add(new TraceEntry(e.At, "延期", null, null, $"至 {ChineseText.DateWithWeekday(e.Until)}：{e.Reason}"));
        if (t.Submission is { } s) trace.Add(new TraceEntry(s.At, "办结", s.By, null, s.Note));
        trace.Sort((a, b) => a.At.CompareTo(b.At));
        var urged = rows.Any(r => r.Kind is ComplianceCycle.Urge or ComplianceCycle.Escalate);
        var (label, color) = t.Submission is not null ? ("已办结", BoardColor.Done)
            : o.Due.ToInstant() < now ? ("已逾期", BoardColor.Red)
            : urged ? ("已催办", BoardColor.Yellow)
            : t.Extension is not null ? ("已延期", BoardColor.Blue)
            : ("办理中", BoardColor.Blue);
        var recipients = planner.Notifications(o).SelectMany(n => n.Recipients).Select(r => r.Email.ToLowerInvariant()).ToHashSet();
        return new OccurrenceView(o, t.Extension is null ? o.Due.Date : planner.Find(o.Key)?.Due.Date ?? o.Due.Date, label, color,
            t.Submission is not null, null, trace, recipients);
    }
}
