using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>An occurrence as the state sees it: extension applied, submission known.</summary>
public sealed record TrackedOccurrence(Occurrence Occurrence, Submission? Submission, Extension? Extension)
{
    public bool IsOpen => Submission is null;

    public OccurrenceState StateAt(Instant now) =>
        Submission is not null ? OccurrenceState.Submitted
        : Occurrence.Due.ToInstant() < now ? OccurrenceState.Overdue
        : Extension is not null ? OccurrenceState.Extended
        : OccurrenceState.Open;
}
