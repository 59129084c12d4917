using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Scheduling;

namespace SciLiteracy.Compliance.Domain.Obligations;

public sealed record ReminderStep(DayOffset Before, ImmutableArray<RecipientSelector> To, ConditionExpression? When);
