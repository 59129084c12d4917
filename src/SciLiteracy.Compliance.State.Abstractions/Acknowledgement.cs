using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State;

/// <summary>签收: the unit has seen the occurrence. Urging and escalation stop; reminders go on until it is done.</summary>
public sealed record Acknowledgement(OccurrenceKey Key, Act Act);
