using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Domain.Plans;

namespace SciLiteracy.Compliance.Domain;

/// <summary>
/// A complete, validated set of rules: jurisdictions with their directories, and obligations.
/// Only the loader builds one, and only from input that passed validation.
/// </summary>
public sealed class RuleSet
{
    public RuleSet(
        IEnumerable<UnitDirectory> directories,
        IEnumerable<Obligation> obligations,
        IReadOnlyDictionary<string, IWorkingCalendar>? calendars = null,
        IEnumerable<ImplementationPlan>? plans = null)
    {
        Directories = directories.ToImmutableDictionary(d => d.Jurisdiction.Id, StringComparer.Ordinal);
        Obligations = obligations.OrderBy(o => o.Id, StringComparer.Ordinal).ToImmutableArray();
        ObligationsById = Obligations.ToImmutableDictionary(o => o.Id, StringComparer.Ordinal);
        Calendars = calendars ?? ImmutableDictionary<string, IWorkingCalendar>.Empty;
        Plans = (plans ?? []).OrderBy(p => p.JurisdictionId, StringComparer.Ordinal).ThenBy(p => p.From).ToImmutableArray();
        SupersededFrom = Obligations.Where(o => o.Supersedes is not null)
            .GroupBy(o => o.Supersedes!.ObligationId, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Min(o => o.Supersedes!.From), StringComparer.Ordinal);
    }

    /// <summary>Every jurisdiction's plans, by jurisdiction and start.</summary>
    public ImmutableArray<ImplementationPlan> Plans { get; }

    public IReadOnlyList<ImplementationPlan> PlansOf(string jurisdictionId) => Plans.Where(p => p.JurisdictionId == jurisdictionId).ToList();

    /// <summary>Obligations another one replaces, with the first date from which they plan nothing.</summary>
    public ImmutableDictionary<string, NodaTime.LocalDate> SupersededFrom { get; }

    /// <summary>Whether a period of the obligation due on <paramref name="nominalDue"/> is still its own (not superseded).</summary>
    public bool Runs(Obligation obligation, NodaTime.LocalDate nominalDue) =>
        !SupersededFrom.TryGetValue(obligation.Id, out var from) || nominalDue < from;

    public ImmutableDictionary<string, UnitDirectory> Directories { get; }
    public ImmutableArray<Obligation> Obligations { get; }
    public ImmutableDictionary<string, Obligation> ObligationsById { get; }
    public IReadOnlyDictionary<string, IWorkingCalendar> Calendars { get; }

    /// <summary>The same rules restricted to one jurisdiction (rule tests of a pack run against their own pack).</summary>
    public RuleSet Only(string jurisdictionId) => new(
        Directories.Values.Where(d => d.Jurisdiction.Id == jurisdictionId),
        Obligations.Where(o => o.JurisdictionId == jurisdictionId),
        Calendars,
        Plans.Where(p => p.JurisdictionId == jurisdictionId)) { Conditions = Conditions };

    /// <summary>Evaluates the rules' conditions once compiled ones are attached; until then, asking one throws (never ignored).</summary>
    public IConditionEvaluator Conditions { get; private init; } = ConditionsNotCompiled.Instance;

    /// <summary>The same rules with their conditions compiled (see SciLiteracy.Compliance.Expressions).</summary>
    public RuleSet WithConditions(IConditionEvaluator conditions) =>
        new(Directories.Values, Obligations, Calendars, Plans) { Conditions = conditions };

    public UnitDirectory DirectoryOf(Obligation obligation) => Directories[obligation.JurisdictionId];

    /// <summary>The jurisdiction's working-day calendar; Monday to Friday where no data is loaded.</summary>
    public IWorkingCalendar CalendarOf(Jurisdiction jurisdiction) =>
        Calendars.TryGetValue(jurisdiction.CalendarId, out var calendar) ? calendar : WeekdayCalendar.Instance;
}
