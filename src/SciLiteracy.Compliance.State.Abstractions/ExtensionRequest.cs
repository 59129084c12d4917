using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>
/// A unit asks for a new due date. While pending it changes nothing; approving it records the <see cref="Extension"/>
/// (the ladder moves then), rejecting it records why.
/// </summary>
public sealed record ExtensionRequest(long Id, OccurrenceKey Key, LocalDate Until, Act Requested, RequestStatus Status, Act? Decided);
