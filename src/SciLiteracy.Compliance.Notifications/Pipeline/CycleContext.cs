using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>
/// What one cycle knows and has decided so far, handed from stage to stage. Everything follows from the rules, the state
/// and <see cref="Now"/>, so a virtual clock replays a cycle exactly.
/// </summary>
public sealed class CycleContext(Instant now, RuleSet rules, IStateStore store, IReadOnlyList<string> channels, HashSet<LedgerIdentity> recorded)
{
    public Instant Now => now;
    public RuleSet Rules => rules;
    public IStateStore Store => store;

    /// <summary>The channels of this build, email first: a recipient gets a row on each one they have an address on.</summary>
    public IReadOnlyList<string> Channels => channels;

    /// <summary>The identity of every ledger row, kept in step with what the cycles record (only the pipeline writes rows).</summary>
    public HashSet<LedgerIdentity> RecordedIdentities => recorded;

    // Plan.
    public Instant Epoch { get; set; }
    public IReadOnlyDictionary<OccurrenceKey, Submission> Submissions { get; set; } = new Dictionary<OccurrenceKey, Submission>();
    public IReadOnlyDictionary<OccurrenceKey, Extension> Extensions { get; set; } = new Dictionary<OccurrenceKey, Extension>();
    public IReadOnlyDictionary<OccurrenceKey, Acknowledgement> Acknowledgements { get; set; } = new Dictionary<OccurrenceKey, Acknowledgement>();
    public IReadOnlyList<ProgressRecord> Progress { get; set; } = [];
    public Planner Planner { get; set; } = null!;
    public List<TrackedOccurrence> Tracked { get; set; } = [];
    public IReadOnlyList<LedgerRow> Waiting { get; set; } = [];

    // Inhibit, fold, at-risk, summary: rows proposed in order; dedupe keeps those the ledger has not seen.
    public List<LedgerRow> Cancelled { get; } = [];
    public List<LedgerRow> Obsolete { get; } = [];
    public List<LedgerRow> Candidates { get; } = [];
    public List<TargetAtRisk> AtRisk { get; set; } = [];
    public List<LedgerRow> NewRows { get; set; } = [];
    public HashSet<LedgerIdentity> PlannedIdentities { get; } = [];

    // Record.
    public IReadOnlyList<LedgerRow> RecordedRows { get; set; } = [];

    // Render and send (again for failure notices, see FlagStage).
    public IEnumerable<(List<LedgerRow> Rows, ChannelMessage? Message)> Outbox { get; set; } = [];
    public List<DeliveredMessage> Sent { get; } = [];
    public List<(MessageEnvelope Message, string Error)> Failed { get; } = [];
    public List<LedgerRow> Flags { get; set; } = [];

    public CycleOutcome Outcome()
    {
        var folded = RecordedRows.Count(r => r.Status == LedgerStatus.Folded) + Obsolete.Count;
        return new CycleOutcome(Now,
            new CycleReport(RecordedRows.Count(r => r.Status == LedgerStatus.Pending), Sent.Count, Failed.Count, folded),
            Sent, Failed, Cancelled.Count);
    }

    /// <summary>One row per channel the recipient has an address on, in the order of <see cref="Channels"/>.</summary>
    public IEnumerable<LedgerRow> RowsFor(Func<string, string?> addressOn, Func<string, string, LedgerRow> row)
    {
        foreach (var channel in Channels)
            if (addressOn(channel) is { } address)
                yield return row(channel, address) with { Channel = channel };
    }
}
