using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>
/// 退办: a closed occurrence opened again. Its submission and acknowledgement are withdrawn (kept here) and its ledger
/// rows archived, so its ladder starts again from the rules.
/// </summary>
public sealed record Reopening(long Id, OccurrenceKey Key, Act Act, Submission? Withdrawn);
