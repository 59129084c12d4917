using SciLiteracy.Compliance.Tests.Support;

namespace SciLiteracy.Compliance.Tests.Notifications.Mail;

/// <summary>The small test jurisdiction with as many member units as a mail test needs: one reminder per unit liaison at once.</summary>
public static class MailRules
{
    public static string Liaison(int unit) => $"liaison.unit-{unit:00}@test.example.org";

    /// <summary>Rules for <paramref name="units"/> members (unit-01 …), each with a yearly report due 2025-12-20; returns the rules folder.</summary>
    public static string Write(TempDir temp, int units)
    {
        var rules = TestRules.WriteSmall(temp);
        var yaml = new System.Text.StringBuilder("""
            version: 1
            jurisdiction:
              id: mailtest
              name: 测试县
              timeZone: Asia/Shanghai
              sendTime: "09:00"
              ladder: standard
            units:
              - { id: leadership, name: 领导小组, kind: leadership }
              - { id: office, name: 县纲要办, kind: office }

            """);
        for (var i = 1; i <= units; i++) yaml.Append($"  - {{ id: unit-{i:00}, name: 第{i}局, kind: member }}\n");
        yaml.Append("""
            groups:
              - { id: members, name: 成员单位, kinds: [member] }
            people:
              - { unit: office, role: liaison, name: 纲要办联络员, email: liaison.office@test.example.org }
              - { unit: office, role: head, name: 纲要办主任, email: head.office@test.example.org }
              - { unit: leadership, role: head, name: 组长, email: head.leadership@test.example.org }

            """);
        for (var i = 1; i <= units; i++) yaml.Append($"  - {{ unit: unit-{i:00}, role: liaison, name: 第{i}局联络员, email: {Liaison(i)} }}\n");
        yaml.Append("""
            ladders:
              - id: standard
                reminders: [14d]
                escalation:
                  - { after: 0d, to: [unit.liaison] }
            obligations:
              - id: mail.report
                title: 年度实施情况报告
                kind: report
                source: { file: plan.txt, clause: 三、（六）, quote: 各成员单位在每年12月20日前报送实施情况。 }
                responsible: { group: members }
                schedule: { yearly: "12-20", from: 2025, until: 2025 }
            """);
        File.WriteAllText(Path.Combine(rules, "small.yaml"), yaml.ToString());
        return rules;
    }
}
