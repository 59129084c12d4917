using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Obligations;

public sealed record EscalationStep(DayOffset After, ImmutableArray<RecipientSelector> To, ConditionExpression? When)
{
    public bool IsUrge => After.Amount == 0;
}
