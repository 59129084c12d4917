using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Web.Actions;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>The real adapter, with every changing call noted: a refused link must have made none.</summary>
public sealed class RecordingActions(IOccurrenceActions inner) : IOccurrenceActions
{
    public List<string> Changes { get; } = [];

    public OccurrenceView? Find(OccurrenceKey key, Instant now) => inner.Find(key, now);
    public IReadOnlyList<OccurrenceView> Board(string? jurisdictionId, Instant now) => inner.Board(jurisdictionId, now);
    public IReadOnlyList<OccurrenceView> Ledger(string? jurisdictionId, LocalDate from, LocalDate to, Instant now) => inner.Ledger(jurisdictionId, from, to, now);
    public IReadOnlyList<ExtensionRequestView> PendingRequests(string? jurisdictionId) => inner.PendingRequests(jurisdictionId);

    public ActionOutcome Acknowledge(OccurrenceKey key, Actor actor) => Note($"ack {key} by {actor.Who}", () => inner.Acknowledge(key, actor));
    public ActionOutcome Complete(OccurrenceKey key, Actor actor, string? note, string? evidenceUrl) =>
        Note($"done {key} by {actor.Who}: {note}", () => inner.Complete(key, actor, note, evidenceUrl));
    public ActionOutcome RequestExtension(OccurrenceKey key, Actor actor, LocalDate until, string reason) =>
        Note($"extend {key} to {until} by {actor.Who}: {reason}", () => inner.RequestExtension(key, actor, until, reason));
    public ActionOutcome Approve(string requestId, Actor actor, string? note) => Note($"approve {requestId}", () => inner.Approve(requestId, actor, note));
    public ActionOutcome Reject(string requestId, Actor actor, string reason) => Note($"reject {requestId}", () => inner.Reject(requestId, actor, reason));
    public ActionOutcome Reopen(OccurrenceKey key, Actor actor, string reason) => Note($"reopen {key}", () => inner.Reopen(key, actor, reason));

    private ActionOutcome Note(string what, Func<ActionOutcome> act)
    {
        lock (Changes) Changes.Add(what);
        return act();
    }
}
