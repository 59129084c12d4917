using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Web.Actions;

/// <summary>
/// What the pages and the API ask of the application core. The one seam between the web and the use cases:
/// the pages never touch the store or the CLI.
/// </summary>
public interface IOccurrenceActions
{
    OccurrenceView? Find(OccurrenceKey key, Instant now);

    /// <summary>Every occurrence of the board (open, and closed recently enough to matter), of one jurisdiction or all.</summary>
    IReadOnlyList<OccurrenceView> Board(string? jurisdictionId, Instant now);

    /// <summary>The 台账: every obligation × unit × period in the window with its state and dates.</summary>
    IReadOnlyList<OccurrenceView> Ledger(string? jurisdictionId, LocalDate from, LocalDate to, Instant now);

    IReadOnlyList<ExtensionRequestView> PendingRequests(string? jurisdictionId);

    ActionOutcome Acknowledge(OccurrenceKey key, Actor actor);
    ActionOutcome Complete(OccurrenceKey key, Actor actor, string? note, string? evidenceUrl);
    ActionOutcome RequestExtension(OccurrenceKey key, Actor actor, LocalDate until, string reason);
    ActionOutcome Approve(string requestId, Actor actor, string? note);
    ActionOutcome Reject(string requestId, Actor actor, string reason);
    ActionOutcome Reopen(OccurrenceKey key, Actor actor, string reason);
}
