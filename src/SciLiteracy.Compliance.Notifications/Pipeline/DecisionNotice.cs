using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>
/// One decision of the office the unit is told of: an extension request approved or rejected (<see cref="Request"/>), or
/// an occurrence reopened (退办). Its ledger rows carry <see cref="Kind"/> and the request's or reopening's id as the step,
/// so each decision is told once, however often the service restarts.
/// </summary>
public sealed record DecisionNotice(OccurrenceKey Key, string Kind, long Id, Act Act, ExtensionRequest? Request)
{
    public bool Approved => Request?.Status == RequestStatus.Approved;

    /// <summary>
    /// The decisions to tell as of <paramref name="now"/>: the latest reopening of each occurrence and every request decided
    /// after it. A reopening archives the occurrence's ledger rows, so a decision before it would look untold; it is superseded.
    /// </summary>
    public static IReadOnlyList<DecisionNotice> Of(IReadOnlyList<ExtensionRequest> requests, IReadOnlyList<Reopening> reopenings, Instant now)
    {
        var latest = reopenings.Where(r => r.Act.At <= now).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!);
        var result = latest.Values.Select(Of).ToList();
        foreach (var r in requests)
            if (r.Decided is { } decided && decided.At <= now && (!latest.TryGetValue(r.Key, out var reopened) || decided.At > reopened.Act.At))
                result.Add(Of(r));
        return result;
    }

    /// <summary>The decision a ledger row tells of, or null when the store no longer has it.</summary>
    public static DecisionNotice? Find(LedgerRow row, IReadOnlyList<ExtensionRequest> requests, IReadOnlyList<Reopening> reopenings) =>
        row.Kind == NotificationKinds.Reopened
            ? reopenings.Where(r => r.Id == row.Step && r.Key == row.Key).Select(Of).FirstOrDefault()
            : requests.Where(r => r.Id == row.Step && r.Key == row.Key && r.Decided is not null).Select(Of).FirstOrDefault();

    private static DecisionNotice Of(Reopening r) => new(r.Key, NotificationKinds.Reopened, r.Id, r.Act, null);

    private static DecisionNotice Of(ExtensionRequest r) => new(r.Key, NotificationKinds.RequestDecided, r.Id, r.Decided!, r);
}
