using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Web.Actions;

/// <summary>
/// An occurrence as the pages show it: the effective due moment (extension applied), its state in words, its colour,
/// its trace and the addresses its notices go to (a link's recipient must be one of them).
/// </summary>
public sealed record OccurrenceView(
    Occurrence Occurrence,
    LocalDate NominalDue,
    string StateLabel,
    BoardColor Color,
    bool Closed,
    Instant? AcknowledgedAt,
    IReadOnlyList<TraceEntry> Trace,
    IReadOnlyCollection<string> Recipients)
{
    /// <summary>Due in a year without holiday data: shown marked 待国务院安排确认, as in the emails (docs/calendars.md).</summary>
    public bool Unconfirmed { get; init; }
}
