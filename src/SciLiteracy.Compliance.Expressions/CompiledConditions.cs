using System.Collections.Concurrent;
using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Expressions.Facts;
using SciLiteracy.Compliance.Rules.Diagnostics;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>A condition that faulted for one occurrence: reported at the expression, then treated as the obligation's onError says.</summary>
public sealed record ConditionFault(ConditionExpression Condition, OccurrenceKey Occurrence, LocalDate Now, string Reason, ConditionErrorPolicy TreatedAs)
{
    public override string ToString() => new Diagnostic(Severity.Error, Condition.Location,
        $"condition failed for {Occurrence} on {Now:uuuu-MM-dd}: {Reason.TrimEnd('.')}; treated as {(TreatedAs == ConditionErrorPolicy.Skip ? "false (onError: skip)" : "true (onError: applies)")}").ToString();
}

/// <summary>
/// Evaluates compiled conditions for the Planner. `when:` is evaluated as of the occurrence's due date and a step's
/// conditions as of its send date, so that `plan` shows exactly what the service sends.
/// A condition that faults is reported once and does not stop the others.
/// </summary>
public sealed class CompiledConditions(
    ImmutableDictionary<ConditionExpression, ConditionFunction> functions,
    IProgressSource? progress = null,
    IOccurrenceStatus? status = null,
    Action<ConditionFault>? onFault = null) : IStateDependentConditions
{
    // Shared with the views Over() hands out, so a fault is reported once, not once per cycle.
    private ConcurrentDictionary<(ConditionExpression, OccurrenceKey, LocalDate), bool> reported = new();

    public int Count => functions.Count;

    /// <summary>The same compiled functions over other state or with another fault sink.</summary>
    public CompiledConditions With(IProgressSource? progress = null, IOccurrenceStatus? status = null, Action<ConditionFault>? onFault = null) =>
        new(functions, progress, status, onFault);

    /// <summary>The same conditions over the pipeline's view of the state, keeping the fault sink.</summary>
    public IConditionEvaluator Over(IOccurrenceStatus status, IProgressSource progress) =>
        new CompiledConditions(functions, progress, status, onFault) { reported = reported };

    public bool Applies(Occurrence occurrence) =>
        occurrence.Obligation.When is not { } when || Evaluate(when, occurrence, occurrence.Due.Date);

    public bool StepApplies(PlannedNotification notification)
    {
        var occurrence = notification.Occurrence;
        var now = notification.SendAt.Date;
        if (notification.Kind != NotificationKind.Remind && occurrence.Obligation.EscalateWhen is { } escalateWhen
            && !Evaluate(escalateWhen, occurrence, now))
            return false;
        return notification.When is not { } when || Evaluate(when, occurrence, now);
    }

    public bool Evaluate(ConditionExpression condition, Occurrence occurrence, LocalDate now)
    {
        if (!functions.TryGetValue(condition, out var function))
            throw new InvalidOperationException($"{condition.Location}: condition was not compiled with the rule set");
        var today = ToDate(now);
        try
        {
            return function(OccurrenceFacts(occurrence, now), UnitFacts(occurrence), TargetFacts(occurrence, now), today);
        }
        catch (Exception e)
        {
            // Any fault of a rule expression is the rule's problem, not the service's: report it and go on.
            var policy = occurrence.Obligation.OnError;
            if (reported.TryAdd((condition, occurrence.Key, now), true))
                onFault?.Invoke(new ConditionFault(condition, occurrence.Key, now, e.Message, policy));
            return policy == ConditionErrorPolicy.Applies;
        }
    }

    public static Date ToDate(LocalDate date) => Date.From(date);

    private OccurrenceFacts OccurrenceFacts(Occurrence occurrence, LocalDate now)
    {
        var due = occurrence.Due.Date;
        var days = Period.Between(now, due, PeriodUnits.Days).Days;
        var (submitted, extended) = status?.Status(occurrence.Key) ?? (false, false);
        return new(occurrence.Obligation.Id, occurrence.Period, ToDate(due), Math.Max(0, days), Math.Max(0, -days), submitted, extended);
    }

    private static UnitFacts UnitFacts(Occurrence occurrence)
    {
        var unit = occurrence.Unit;
        var leads = (occurrence.Obligation.LeadUnitIds.IsEmpty ? unit.LeadIds : occurrence.Obligation.LeadUnitIds)
            .Where(id => id != unit.Id).ToList();
        return new(unit.Id, unit.Name, unit.Kind.ToString().ToLowerInvariant(), new IdList(leads));
    }

    private TargetFacts TargetFacts(Occurrence occurrence, LocalDate now)
    {
        var obligation = occurrence.Obligation;
        var latest = obligation.Target is null ? null : progress?.Latest(obligation.Id, occurrence.Unit.Id, now);
        return new TargetFacts(obligation.Id, obligation.Target, latest, now);
    }
}
