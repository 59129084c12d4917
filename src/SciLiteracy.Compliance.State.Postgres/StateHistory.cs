using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State.Postgres;

/// <summary>Everything an office's state holds, read from one store to be written whole into another (`scilit migrate`).</summary>
public sealed record StateHistory(
    Instant? Epoch,
    Instant? PlannedUntil,
    IReadOnlyCollection<Submission> Submissions,
    IReadOnlyCollection<Extension> Extensions,
    IReadOnlyList<LedgerRow> Ledger,
    IReadOnlyList<ProgressRecord> Progress)
{
    /// <summary>The 督办单 numbers given so far: a migrated state goes on numbering where it was.</summary>
    public IReadOnlyList<EscalationNumber> EscalationNumbers { get; init; } = [];

    /// <summary>The history of a store, through its contract only; <paramref name="epoch"/> is the source's, read without writing one.</summary>
    public static StateHistory Of(IStateStore store, Instant? epoch) => new(
        epoch, store.PlannedUntil(), store.Submissions().Values.ToList(), store.Extensions().Values.ToList(), store.Ledger(), store.Progress())
    {
        EscalationNumbers = store.EscalationNumbers(),
    };

    public string Counts =>
        $"{Submissions.Count} submission(s), {Extensions.Count} extension(s), {Ledger.Count} ledger row(s), {Progress.Count} measurement(s)";
}
