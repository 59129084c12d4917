using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;

namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>Progress as known at a moment: measurements recorded later have not happened yet (a virtual clock replays them in order).</summary>
public sealed class KnownProgress(IReadOnlyList<ProgressRecord> records, Instant now) : IProgressSource
{
    public (decimal Value, LocalDate AsOf)? Latest(string targetId, string unitId, LocalDate onOrBefore) =>
        records.Where(r => r.Target == targetId && r.Unit == unitId && r.RecordedAt <= now && r.AsOf <= onOrBefore)
            .MaxBy(r => (r.AsOf, r.Id)) is { } latest ? (latest.Value, latest.AsOf) : null;
}
