using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>
/// The number of one 督办单: escalation step <see cref="Step"/> of an occurrence is number <see cref="Number"/> of its
/// <see cref="Series"/> ("xunwu/2026": a jurisdiction and year), given when its first ledger row was recorded.
/// </summary>
public sealed record EscalationNumber(string Series, int Number, OccurrenceKey Key, int Step, Instant RecordedAt);
