using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>Records one measurement of a quantified target (`progress record`); conditions and the at-risk rule read it.</summary>
public sealed class RecordProgress(RuleSet rules, IStateStore store)
{
    /// <summary>The `kind: target` obligation of that id.</summary>
    public Obligation Target(string targetId)
    {
        if (rules.ObligationsById.TryGetValue(targetId, out var obligation) && obligation.Target is not null) return obligation;
        var targets = rules.Obligations.Where(o => o.Target is not null).Select(o => o.Id);
        throw new UseCaseException($"error: --target '{targetId}' is not an obligation of kind target{DidYouMean.Hint(targetId, targets)}");
    }

    /// <summary>The responsible unit a measurement is for: the one given, or the target's only one.</summary>
    public static string UnitOf(Obligation target, string? given)
    {
        if (given is null)
            return target.ResponsibleUnitIds.Length == 1 ? target.ResponsibleUnitIds[0]
                : throw new UseCaseException($"error: target '{target.Id}' has several responsible units; say which with --unit ({string.Join(", ", target.ResponsibleUnitIds)})");
        return target.ResponsibleUnitIds.Contains(given) ? given
            : throw new UseCaseException($"error: --unit '{given}' is not responsible for target '{target.Id}'{DidYouMean.Hint(given, target.ResponsibleUnitIds)}");
    }

    public long Run(Obligation target, string unitId, decimal value, LocalDate asOf, string? note, Instant recordedAt) =>
        store.RecordProgress(target.Id, unitId, value, asOf, note, recordedAt);
}
