using System.Globalization;
using System.Text;

namespace SciLiteracy.Compliance.Bench;

/// <summary>
/// Writes a province-scale rule set for benchmarks and drills: jurisdictions × units × obligations,
/// each obligation yearly for every member unit, with reminders and escalations — the shape of the
/// real packs, multiplied.
/// </summary>
public static class ProvinceRuleSet
{
    public sealed record Shape(int Jurisdictions, int UnitsPerJurisdiction, int ObligationsPerJurisdiction, int FromYear, int UntilYear);

    public static readonly Shape Province = new(100, 60, 40, 2022, 2026);

    public static void Write(string directory, Shape shape)
    {
        Directory.CreateDirectory(directory);
        for (var j = 0; j < shape.Jurisdictions; j++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"county-{j:000}");
            var folder = Path.Combine(directory, id);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "jurisdiction.yaml"), Jurisdiction(id, j, shape), Encoding.UTF8);
            File.WriteAllText(Path.Combine(folder, "people.yaml"), People(id, shape), Encoding.UTF8);
            File.WriteAllText(Path.Combine(folder, "obligations.yaml"), Obligations(id, shape), Encoding.UTF8);
        }
    }

    /// <summary>The message templates the generated set is rendered with (the repository's own, normally).</summary>
    public static void CopyTemplates(string from, string to)
    {
        if (!Directory.Exists(from)) throw new DirectoryNotFoundException($"{from}: error: no templates folder (run from the repository root, or pass --templates)");
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
    }

    private static IEnumerable<string> UnitIds(Shape shape) =>
        new[] { "office", "leadership" }.Concat(Enumerable.Range(1, shape.UnitsPerJurisdiction - 2).Select(i => string.Create(CultureInfo.InvariantCulture, $"unit-{i:00}")));

    private static string Jurisdiction(string id, int index, Shape shape)
    {
        var s = new StringBuilder();
        s.AppendLine("version: 1");
        s.AppendLine(CultureInfo.InvariantCulture, $"jurisdiction: {{ id: {id}, name: 第{index}县, adjust: previous-workday, ladder: standard }}");
        s.AppendLine("units:");
        s.AppendLine("  - { id: office, name: 县纲要办, kind: office }");
        s.AppendLine("  - { id: leadership, name: 县领导小组, kind: leadership }");
        foreach (var unit in UnitIds(shape).Skip(2))
        {
            var number = int.Parse(unit[5..], CultureInfo.InvariantCulture);
            // Every tenth unit leads the nine after it, as lead units (牵头单位) do in the real plans.
            var lead = number % 10 == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $", lead: unit-{number - ((number - 1) % 10):00}");
            s.AppendLine(CultureInfo.InvariantCulture, $"  - {{ id: {unit}, name: 成员单位{number}, kind: member{lead} }}");
        }
        s.AppendLine("groups:");
        s.AppendLine("  - { id: members, name: 成员单位, kinds: [member] }");
        s.AppendLine("ladders:");
        s.AppendLine("  - id: standard");
        s.AppendLine("    reminders: [30d, 7d, 1wd]");
        s.AppendLine("    escalation:");
        s.AppendLine("      - { after: 0d, to: [unit.liaison] }");
        s.AppendLine("      - { after: 3wd, to: [unit.head, lead.liaison] }");
        s.AppendLine("      - { after: 10d, to: [unit.head, office.head, leadership.head] }");
        return s.ToString();
    }

    private static string People(string id, Shape shape)
    {
        var s = new StringBuilder();
        s.AppendLine("version: 1");
        s.AppendLine(CultureInfo.InvariantCulture, $"jurisdiction: {id}");
        s.AppendLine("people:");
        foreach (var unit in UnitIds(shape))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"  - {{ unit: {unit}, role: liaison, name: 联络员, email: liaison.{unit}@{id}.example.org }}");
            s.AppendLine(CultureInfo.InvariantCulture, $"  - {{ unit: {unit}, role: head, name: 负责人, email: head.{unit}@{id}.example.org }}");
        }
        return s.ToString();
    }

    private static string Obligations(string id, Shape shape)
    {
        var s = new StringBuilder();
        s.AppendLine("version: 1");
        s.AppendLine(CultureInfo.InvariantCulture, $"jurisdiction: {id}");
        s.AppendLine("obligations:");
        for (var o = 0; o < shape.ObligationsPerJurisdiction; o++)
        {
            // Spread due dates over the year so that every working day has some work, as in a real county.
            var month = (o % 12) + 1;
            var day = ((o * 7) % 28) + 1;
            s.AppendLine(CultureInfo.InvariantCulture, $"  - id: {id}.obligation-{o:00}");
            s.AppendLine(CultureInfo.InvariantCulture, $"    title: 第{o}项年度任务");
            s.AppendLine("    kind: report");
            s.AppendLine("    source: { file: generated.txt, clause: 生成, quote: 各成员单位按时报送。 }");
            s.AppendLine("    responsible: { group: members }");
            s.AppendLine(CultureInfo.InvariantCulture, $"    schedule: {{ yearly: \"{month:00}-{day:00}\", from: {shape.FromYear}, until: {shape.UntilYear} }}");
        }
        return s.ToString();
    }
}
