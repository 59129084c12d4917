using System.Collections.Immutable;
using NodaTime;

namespace SciLiteracy.Compliance.Domain.Directory;

public enum UnitKind { Leadership, Office, Lead, Member, Township, Other }

/// <summary>Roles a person holds for a unit: 联络员, 主要负责人, 分管负责人.</summary>
public enum Role { Liaison, Head, Deputy }

public sealed record Unit(string Id, string Name, UnitKind Kind, string? ParentId, ImmutableArray<string> LeadIds);

public sealed record UnitGroup(string Id, string Name, ImmutableArray<string> UnitIds);

public sealed record Person(string UnitId, Role Role, string Name, string Email);

/// <summary>A county's or city's settings: where its days and times are reckoned.</summary>
public sealed record Jurisdiction(
    string Id,
    string Name,
    string? FullName,
    DateTimeZone TimeZone,
    string CalendarId,
    LocalTime SendTime,
    LocalTime DueTime,
    DueAdjustment Adjust,
    string? DefaultLadderId)
{
    /// <summary>End of day: the default due time when a plan says only "before the date".</summary>
    public static readonly LocalTime EndOfDay = new(23, 59, 59);
}

/// <summary>What happens to a due date that falls on a day off.</summary>
public enum DueAdjustment { None, PreviousWorkday, NextWorkday }

/// <summary>The units, groups and people of one jurisdiction.</summary>
public sealed class UnitDirectory
{
    private readonly ImmutableDictionary<string, Unit> units;
    private readonly ImmutableDictionary<string, UnitGroup> groups;
    private readonly ILookup<(string UnitId, Role Role), Person> people;

    public UnitDirectory(Jurisdiction jurisdiction, IEnumerable<Unit> units, IEnumerable<UnitGroup> groups, IEnumerable<Person> people)
    {
        Jurisdiction = jurisdiction;
        this.units = units.ToImmutableDictionary(u => u.Id, StringComparer.Ordinal);
        this.groups = groups.ToImmutableDictionary(g => g.Id, StringComparer.Ordinal);
        People = people.ToImmutableArray();
        this.people = People.ToLookup(p => (p.UnitId, p.Role));
        Office = this.units.Values.Where(u => u.Kind == UnitKind.Office).OrderBy(u => u.Id, StringComparer.Ordinal).FirstOrDefault();
        Leadership = this.units.Values.Where(u => u.Kind == UnitKind.Leadership).OrderBy(u => u.Id, StringComparer.Ordinal).FirstOrDefault();
    }

    public Jurisdiction Jurisdiction { get; }
    public IEnumerable<Unit> Units => units.Values.OrderBy(u => u.Id, StringComparer.Ordinal);
    public IEnumerable<UnitGroup> Groups => groups.Values.OrderBy(g => g.Id, StringComparer.Ordinal);
    public ImmutableArray<Person> People { get; }
    public Unit? Office { get; }
    public Unit? Leadership { get; }

    public Unit? FindUnit(string id) => units.GetValueOrDefault(id);
    public UnitGroup? FindGroup(string id) => groups.GetValueOrDefault(id);
    public IEnumerable<Person> PeopleOf(string unitId, Role role) => people[(unitId, role)];
}
