namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>Rule sets for tests: a copy of the repository's Xunwu pack, or a small one written here.</summary>
public static class TestRules
{
    /// <summary>rules/xunwu and rules/templates copied into DIR/rules; returns that folder.</summary>
    public static string CopyXunwu(TempDir temp) => CopyWith(temp, "xunwu");

    /// <summary>The repository's templates plus a small jurisdiction: two units, two obligations due the same day.</summary>
    public static string WriteSmall(TempDir temp)
    {
        var rules = CopyWith(temp, null);
        File.WriteAllText(Path.Combine(rules, "small.yaml"), Small);
        return rules;
    }

    private static string CopyWith(TempDir temp, string? pack)
    {
        var root = Repo.Root;
        var rules = temp["rules"];
        foreach (var folder in pack is null ? ["templates"] : new[] { "templates", pack })
        {
            var source = Path.Combine(root, "rules", folder);
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(rules, folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        return rules;
    }

    private const string Small = """
        version: 1
        jurisdiction:
          id: testcounty
          name: 测试县
          timeZone: Asia/Shanghai
          sendTime: "09:00"
          ladder: standard
        units:
          - { id: leadership, name: 领导小组, kind: leadership }
          - { id: office, name: 县纲要办, kind: office }
          - { id: alpha, name: 甲局, kind: member }
          - { id: beta, name: 乙局, kind: member }
        groups:
          - { id: members, name: 成员单位, kinds: [member] }
        people:
          - { unit: office, role: liaison, name: 纲要办联络员, email: liaison.office@test.example.org }
          - { unit: office, role: head, name: 纲要办主任, email: head.office@test.example.org }
          - { unit: leadership, role: head, name: 组长, email: head.leadership@test.example.org }
          - { unit: alpha, role: liaison, name: 甲局联络员, email: liaison.alpha@test.example.org }
          - { unit: alpha, role: head, name: 甲局局长, email: head.alpha@test.example.org }
          - { unit: beta, role: liaison, name: 乙局联络员, email: liaison.beta@test.example.org }
          - { unit: beta, role: head, name: 乙局局长, email: head.beta@test.example.org }
        ladders:
          - id: standard
            reminders: [14d, 3d]
            escalation:
              - { after: 0d, to: [unit.liaison] }
              - { after: 3d, to: [unit.head, office.head] }
        obligations:
          - id: test.report
            title: 年度实施情况报告
            kind: report
            source: { file: plan.txt, clause: 三、（六）, quote: 各成员单位在每年12月20日前报送实施情况。 }
            responsible: { group: members }
            schedule: { yearly: "12-20", from: 2025, until: 2025 }
          - id: test.plan
            title: 年度工作计划
            kind: plan
            source: { file: plan.txt, clause: 三、（七）, quote: 各成员单位在每年12月20日前报送下年度工作计划。 }
            responsible: { units: [alpha] }
            schedule: { yearly: "12-20", from: 2025, until: 2025 }
        """;
}
