using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;

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
        IReadOnlyDictionary<string, IWorkingCalendar>? calendars = null)
    {
        Directories = directories.ToImmutableDictionary(d => d.Jurisdiction.Id, StringComparer.Ordinal);
        Obligations = obligations.OrderBy(o => o.Id, StringComparer.Ordinal).ToImmutableArray();
        ObligationsById = Obligations.ToImmutableDictionary(o => o.Id, StringComparer.Ordinal);
        Calendars = calendars ?? ImmutableDictionary<string, IWorkingCalendar>.Empty;
    }

    public ImmutableDictionary<string, UnitDirectory> Directories { get; }
    public ImmutableArray<Obligation> Obligations { get; }
    public ImmutableDictionary<string, Obligation> ObligationsById { get; }
    public IReadOnlyDictionary<string, IWorkingCalendar> Calendars { get; }

    /// <summary>The same rules restricted to one jurisdiction (rule tests of a pack run against their own pack).</summary>
    public RuleSet Only(string jurisdictionId) => new(
        Directories.Values.Where(d => d.Jurisdiction.Id == jurisdictionId),
        Obligations.Where(o => o.JurisdictionId == jurisdictionId),
        Calendars) { Conditions = Conditions };

    /// <summary>Evaluates the rules' conditions once compiled ones are attached; until then, asking one throws (never ignored).</summary>
    public IConditionEvaluator Conditions { get; private init; } = ConditionsNotCompiled.Instance;

    /// <summary>The same rules with their conditions compiled (see SciLiteracy.Compliance.Expressions).</summary>
    public RuleSet WithConditions(IConditionEvaluator conditions) =>
        new(Directories.Values, Obligations, Calendars) { Conditions = conditions };

    public UnitDirectory DirectoryOf(Obligation obligation) => Directories[obligation.JurisdictionId];

    /// <summary>The jurisdiction's working-day calendar; Monday to Friday where no data is loaded.</summary>
    public IWorkingCalendar CalendarOf(Jurisdiction jurisdiction) =>
        Calendars.TryGetValue(jurisdiction.CalendarId, out var calendar) ? calendar : WeekdayCalendar.Instance;
}
