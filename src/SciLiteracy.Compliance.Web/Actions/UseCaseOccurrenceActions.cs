using NodaTime;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Web.Actions;

/// <summary>
/// The seam's implementation: every act through the application layer's use cases (the ones the CLI verbs call), each
/// recorded with who, when, why and from where; a use case's refusal becomes a refusal page in Chinese.
/// </summary>
public sealed class UseCaseOccurrenceActions(IRuleSource rules, IStateStore store) : IOccurrenceActions
{
    public OccurrenceView? Find(OccurrenceKey key, Instant now)
    {
        var planner = new Planner(rules.Current);
        if (planner.Find(key) is not { } occurrence) return null;
        var tracked = OccurrenceStates.Track(planner, occurrence, store.Submissions(), store.Extensions());
        return View(planner, tracked, store.Ledger().Where(r => r.Key == key).ToList(), Traces(), now, withRecipients: true);
    }

    public IReadOnlyList<OccurrenceView> Board(string? jurisdictionId, Instant now)
    {
        var planner = new Planner(rules.Current);
        var ledger = store.Ledger().ToLookup(r => r.Key);
        var traces = Traces();
        return OccurrenceStates.Around(planner, now, store.Submissions(), store.Extensions(), jurisdictionId)
            .Where(t => t.IsOpen)
            .Select(t => View(planner, t, ledger[t.Occurrence.Key].ToList(), traces, now, withRecipients: false))
            .ToList();
    }

    public IReadOnlyList<OccurrenceView> Ledger(string? jurisdictionId, LocalDate from, LocalDate to, Instant now)
    {
        var planner = new Planner(rules.Current);
        var ledger = store.Ledger().ToLookup(r => r.Key);
        var traces = Traces();
        return OccurrenceStates.Within(planner, from, to, store.Submissions(), store.Extensions(), jurisdictionId)
            .Select(t => View(planner, t, ledger[t.Occurrence.Key].ToList(), traces, now, withRecipients: false))
            .ToList();
    }

    public IReadOnlyList<ExtensionRequestView> PendingRequests(string? jurisdictionId)
    {
        var planner = new Planner(rules.Current);
        var result = new List<ExtensionRequestView>();
        foreach (var r in new ListRequests(store).Run(RequestStatus.Pending))
        {
            if (planner.Find(r.Key) is not { } o) continue;
            if (jurisdictionId is not null && o.Obligation.JurisdictionId != jurisdictionId) continue;
            result.Add(new ExtensionRequestView(Id(r.Id), r.Key, o.Obligation.Title, o.Unit.Name, o.Due.Date, r.Until, r.Requested.Reason ?? "",
                r.Requested.By, r.Requested.At));
        }
        return result;
    }

    public ActionOutcome Acknowledge(OccurrenceKey key, Actor actor) => Act(() =>
    {
        new Acknowledge(rules.Current, store).Run(key, ActOf(actor, null));
        return "已签收：此后不再催办；办结前仍会按期提醒。";
    });

    public ActionOutcome Complete(OccurrenceKey key, Actor actor, string? note, string? evidenceUrl)
    {
        if (store.Submissions().ContainsKey(key)) return ActionOutcome.Refused("此事项已办结，无需重复提交。");
        var text = string.Join(" ", new[] { note, evidenceUrl is { Length: > 0 } ? $"佐证：{evidenceUrl}" : null, $"（来自 {actor.From}）" }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return Act(() =>
        {
            new SubmitWork(rules.Current, store).Run(key, ActOf(actor, text.Length == 0 ? null : text));
            return "已办结：此后不再发送与此事项有关的提醒、催办或督办。";
        });
    }

    public ActionOutcome RequestExtension(OccurrenceKey key, Actor actor, LocalDate until, string reason) => Act(() =>
    {
        new Application.RequestExtension(rules.Current, store).Run(key, until, ActOf(actor, reason));
        return $"延期申请已提交（申请延至 {ChineseText.DateWithWeekday(until)}）：纲要办审核前，提醒照常发送。";
    });

    public ActionOutcome Approve(string requestId, Actor actor, string? note) => Decide(requestId, true, actor, note);

    public ActionOutcome Reject(string requestId, Actor actor, string reason) => Decide(requestId, false, actor, reason);

    public ActionOutcome Reopen(OccurrenceKey key, Actor actor, string reason) => Act(() =>
    {
        new ReopenOccurrence(rules.Current, store).Run(key, ActOf(actor, reason));
        return "已退办：此事项重新办理，提醒按规则重新开始，责任单位将收到通知及理由。";
    });

    private ActionOutcome Decide(string requestId, bool approve, Actor actor, string? reason)
    {
        // Ids are the store's numbers; the web carries them as text.
        if (!long.TryParse(requestId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return ActionOutcome.Refused("没有此延期申请。");
        return Act(() =>
        {
            var decided = new DecideRequest(store).Run(id, approve, ActOf(actor, reason));
            return approve ? $"已批准延期至 {ChineseText.DateWithWeekday(decided.Until)}：提醒与督办随之顺延，责任单位将收到通知。"
                : "已驳回延期申请：原办理期限不变，责任单位将收到通知及理由。";
        });
    }

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Act ActOf(Actor actor, string? reason) => new(actor.Who, actor.At, reason, Sources.Web);

    private static ActionOutcome Act(Func<string> run)
    {
        try { return ActionOutcome.Done(run()); }
        catch (UseCaseException e) { return ActionOutcome.Refused(Refusal(e.Refusal)); }
    }

    /// <summary>A use case's refusal as the person who asked should read it.</summary>
    private static string Refusal(UseCaseRefusal refusal) => refusal switch
    {
        UseCaseRefusal.Closed => "此事项已办结，不能签收或申请延期。如需重新办理，请联系纲要办退办。",
        UseCaseRefusal.NotClosed => "此事项尚未办结，无需退办。",
        UseCaseRefusal.ReasonMissing => "请填写理由。",
        UseCaseRefusal.DateNotLater => "申请的新日期须晚于当前办理期限。",
        UseCaseRefusal.DayOff => "申请的新日期不是工作日（周末或法定节假日），请改选一个工作日。",
        UseCaseRefusal.AlreadyDecided => "此延期申请已处理，无需重复操作。",
        _ => "找不到此事项或申请，请联系纲要办。",
    };

    private sealed record OccurrenceTraces(
        IReadOnlyDictionary<OccurrenceKey, Acknowledgement> Acknowledgements, ILookup<OccurrenceKey, ExtensionRequest> Requests, ILookup<OccurrenceKey, Reopening> Reopenings);

    private OccurrenceTraces Traces() => new(store.Acknowledgements(), store.Requests().ToLookup(r => r.Key), store.Reopenings().ToLookup(r => r.Key));

    // Recipients resolve the whole ladder: only a link's check (Find) needs them, not the board's thousands of rows.
    private static OccurrenceView View(Planner planner, TrackedOccurrence t, IReadOnlyList<LedgerRow> rows, OccurrenceTraces traces, Instant now, bool withRecipients)
    {
        var o = t.Occurrence;
        var trace = new List<TraceEntry>();
        foreach (var row in rows.Where(r => r.SentAt is not null).OrderBy(r => r.SentAt))
            trace.Add(new TraceEntry(row.SentAt!.Value,
                NotificationKinds.IsDecision(row.Kind) ? $"发送{ChineseText.KindLabel(row.Kind)}" : $"发送{ChineseText.KindLabel(row.Kind)}（第 {row.Step} 步）", null, null, row.Recipient));
        var acknowledged = traces.Acknowledgements.GetValueOrDefault(o.Key);
        if (acknowledged is not null) trace.Add(Entry(acknowledged.Act, "签收", null));
        foreach (var r in traces.Requests[o.Key])
        {
            trace.Add(Entry(r.Requested, "申请延期", $"至 {ChineseText.DateWithWeekday(r.Until)}：{r.Requested.Reason}"));
            if (r.Decided is { } d) trace.Add(Entry(d, r.Status == RequestStatus.Approved ? "批准延期" : "驳回延期", d.Reason));
        }
        foreach (var r in traces.Reopenings[o.Key]) trace.Add(Entry(r.Act, "退办", r.Act.Reason));
        if (t.Extension is { } e) trace.Add(new TraceEntry(e.At, "延期", e.By, e.Source, $"至 {ChineseText.DateWithWeekday(e.Until)}：{e.Reason}"));
        if (t.Submission is { } s) trace.Add(new TraceEntry(s.At, "办结", s.By, s.Source, s.Note));
        trace.Sort((a, b) => a.At.CompareTo(b.At));
        var urged = rows.Any(r => r.Kind == NotificationKinds.Urge || r.Kind == NotificationKinds.Escalate);
        var (label, color) = t.Submission is not null ? ("已办结", BoardColor.Done)
            : o.Due.ToInstant() < now ? ("已逾期", BoardColor.Red)
            : urged ? ("已催办", BoardColor.Yellow)
            : t.Extension is not null ? ("已延期", BoardColor.Blue)
            : acknowledged is not null ? ("已签收", BoardColor.Blue)
            : ("办理中", BoardColor.Blue);
        var recipients = withRecipients ? planner.Notifications(o).SelectMany(n => n.Recipients).Select(r => r.Email.ToLowerInvariant()).ToHashSet() : [];
        return new OccurrenceView(o, t.Extension is null ? o.Due.Date : planner.Find(o.Key)?.Due.Date ?? o.Due.Date, label, color,
            t.Submission is not null, acknowledged?.Act.At, trace, recipients) { Unconfirmed = UnconfirmedDueDates.IsUnconfirmed(planner.Rules, t.Occurrence) };
    }

    private static TraceEntry Entry(Act act, string what, string? detail) => new(act.At, what, act.By, act.Source, detail);
}
