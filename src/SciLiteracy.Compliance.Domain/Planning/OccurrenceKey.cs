using NodaTime;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>Identifies one occurrence across runs: what submissions, extensions and the ledger refer to.</summary>
public readonly record struct OccurrenceKey(string ObligationId, string UnitId, string Period)
{
    public override string ToString() => $"{ObligationId}/{UnitId}/{Period}";
}
