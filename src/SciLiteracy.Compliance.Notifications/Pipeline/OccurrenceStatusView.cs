using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>occurrence.Submitted / occurrence.Extended for conditions, from one reading of the state.</summary>
public sealed class OccurrenceStatusView(IReadOnlyDictionary<OccurrenceKey, Submission> submissions,
    IReadOnlyDictionary<OccurrenceKey, Extension> extensions) : IOccurrenceStatus
{
    /// <summary>What the state file says at <paramref name="now"/>, for `plan` and `status`.</summary>
    public static OccurrenceStatusView Of(IStateStore store, Instant now) =>
        new(OccurrenceStates.SubmittedBy(store.Submissions(), now), OccurrenceStates.GrantedBy(store.Extensions(), now));

    public (bool Submitted, bool Extended) Status(OccurrenceKey key) => (submissions.ContainsKey(key), extensions.ContainsKey(key));
}
