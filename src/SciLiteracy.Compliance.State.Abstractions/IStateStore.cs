using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>The state a cycle reads and writes. SQLite today (SciLiteracy.Compliance.State.Sqlite); a PostgreSQL store implements the same contract
/// and registers with the composition root (State:Provider).</summary>
public interface IStateStore : IProgressSource
{
    /// <summary>Records a submission; a second one for the same occurrence replaces the first.</summary>
    void Submit(Submission submission);
    void Extend(Extension extension);
    IReadOnlyDictionary<OccurrenceKey, Submission> Submissions();
    IReadOnlyDictionary<OccurrenceKey, Extension> Extensions();

    /// <summary>The first moment the service evaluated this state; notifications planned before it are never sent.</summary>
    Instant Epoch(Instant candidate);

    /// <summary>The epoch if the service has evaluated this state before; null for a state never evaluated (unlike <see cref="Epoch"/>, records nothing).</summary>
    Instant? StoredEpoch();

    IReadOnlyList<LedgerRow> Ledger();

    /// <summary>The rows still to be sent (pending or failed-flagged): the outbox, without reading the whole ledger.</summary>
    IReadOnlyList<LedgerRow> Waiting();

    /// <summary>The identity of every row, and nothing else: what dedupe needs, at a fraction of reading whole rows.</summary>
    HashSet<LedgerIdentity> Identities();

    /// <summary>The rows sent (or to be sent) as one message.</summary>
    IReadOnlyList<LedgerRow> Message(string messageId);

    /// <summary>
    /// The moment of the last cycle that planned (null before the first): every step due by then has been considered,
    /// so the next cycle plans only the occurrences that can have a step due since.
    /// </summary>
    Instant? PlannedUntil();
    void SetPlannedUntil(Instant at);

    /// <summary>
    /// Inserts rows in one transaction, skipping any whose identity exists; returns the rows inserted. An inserted row that
    /// <paramref name="numbering"/> gives a series (a 督办单's jurisdiction and year) is numbered in that same transaction:
    /// its (occurrence, step) gets the series' next number unless it has one, so numbers are gap-free, unique and never
    /// reused, whatever restarts and kills, and all recipients of one escalation share its number.
    /// </summary>
    IReadOnlyList<LedgerRow> Record(IReadOnlyList<LedgerRow> rows, Func<LedgerRow, string?>? numbering = null);

    /// <summary>Every number given by <see cref="Record"/>, by series and number.</summary>
    IReadOnlyList<EscalationNumber> EscalationNumbers();

    /// <summary>The ledger rows of one occurrence (not those a reopening archived).</summary>
    IReadOnlyList<LedgerRow> RowsOf(OccurrenceKey key);

    /// <summary>Writes the delivery fields (status, attempts, next attempt, error, sent at) of existing rows in one transaction.</summary>
    void Update(IReadOnlyList<LedgerRow> rows);

    /// <summary>Records one measurement of a target (`scilit progress record`); returns its id.</summary>
    long RecordProgress(string target, string unit, decimal value, LocalDate asOf, string? note, Instant recordedAt);

    /// <summary>Every measurement (of one target), by target, unit, as-of date and recording order.</summary>
    IReadOnlyList<ProgressRecord> Progress(string? target = null);

    /// <summary>Records an acknowledgement (签收); a second one for the same occurrence replaces the first.</summary>
    void Acknowledge(Acknowledgement acknowledgement);
    IReadOnlyDictionary<OccurrenceKey, Acknowledgement> Acknowledgements();

    /// <summary>Records a pending request for a new due date; returns its id.</summary>
    long RequestExtension(OccurrenceKey key, LocalDate until, Act requested);

    /// <summary>Every request (with one status), oldest first.</summary>
    IReadOnlyList<ExtensionRequest> Requests(RequestStatus? status = null);

    /// <summary>
    /// Decides a pending request in one transaction: its status and decision, and for an approval the extension it grants.
    /// False when there is no pending request of that id.
    /// </summary>
    bool Decide(long requestId, RequestStatus decision, Act decided, Extension? grant);

    /// <summary>
    /// Reopens an occurrence (退办) in one transaction: records the reopening with the submission it withdraws, removes
    /// that submission and any acknowledgement, and moves the occurrence's ledger rows to the archive so its ladder starts again.
    /// </summary>
    Reopening Reopen(OccurrenceKey key, Act act);

    IReadOnlyList<Reopening> Reopenings();
}
