using System.Collections.Immutable;

namespace SciLiteracy.Compliance.Domain.Obligations;

public sealed record Ladder(string Id, ImmutableArray<ReminderStep> Reminders, ImmutableArray<EscalationStep> Escalation)
{
    public static readonly Ladder Empty = new("", [], []);
}
