using System.Collections.Immutable;

namespace SciLiteracy.Compliance.Domain.Organization;

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
