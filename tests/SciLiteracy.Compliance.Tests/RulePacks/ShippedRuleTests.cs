using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.Rules.RuleTests;

namespace SciLiteracy.Compliance.Tests.RulePacks;

/// <summary>Every rule test a pack ships (rules/&lt;jurisdiction&gt;/tests/) passes, each counted on its own; and a failing one says where and how.</summary>
public class ShippedRuleTests
{
    private static readonly Lazy<RuleTestRunner> Runner = new(() =>
        new RuleTestRunner(RuleSetCompilation.Load(Repo.Path("rules")).Rules ?? throw new InvalidOperationException("the shipped rules do not validate"), Repo.Path("rules")));

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var (_, display) in RuleTestReader.TestFiles(Repo.Path("rules")))
            data.Add(Path.GetRelativePath(Repo.Root, display));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Shipped_rule_test_passes(string file)
    {
        var result = Runner.Value.Run(Repo.Path(file), file);

        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Problems.Select(p => p.ToString()).Concat(result.Failures.Select(f => f.ToString()))));
        Assert.True(result.Delivered > 0, "the test's window delivered nothing, so its expectations say little");
    }

    [Fact]
    public void Every_pack_ships_rule_tests_for_its_yearly_cycle_escalation_evaluation_and_a_target()
    {
        foreach (var pack in new[] { "xunwu", "yichun", "shanwei-chengqu", "linyi", "zhangping" })
            Assert.True(RuleTestReader.TestFiles(Repo.Path("rules")).Count(f => f.DisplayPath.Contains($"/rules/{pack}/tests/", StringComparison.Ordinal)) >= 4, pack);
    }

    [Fact]
    public void Test_rules_verb_reports_a_failed_expectation_with_its_line_and_a_diff_and_exits_1()
    {
        using var temp = new TempDir();
        var rules = temp.CopyFromRepo("rules/xunwu", "rules/xunwu");
        temp.CopyFromRepo("rules/templates", "rules/templates");
        temp.CopyFromRepo("rules/calendars", "rules/calendars");
        File.WriteAllText(Path.Combine(rules, "tests", "wrong.yaml"), """
            version: 1
            name: 故意写错的提醒时间
            window: { from: 2025-11-01, to: 2025-12-31 }
            expect:
              - { obligation: xunwu.yearly-report, unit: kexie, period: "2025", kind: remind, step: 1,
                  at: "2025-11-20T09:00", to: [liaison.kexie@xunwu.example.org] }
            """);

        var result = ScilitProcess.Run(temp.Path, "test-rules", "--rules", "rules");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("""
            FAIL  rules/xunwu/tests/wrong.yaml  故意写错的提醒时间
            rules/xunwu/tests/wrong.yaml:5: expected notification was not sent
                - expected: obligation=xunwu.yearly-report unit=kexie period=2025 kind=remind step=1 at=2025-11-20T09:00 to=[liaison.kexie@xunwu.example.org]
                + actual:   obligation=xunwu.yearly-report unit=kexie period=2025 kind=remind step=1 at=2025-11-19T09:00 to=[liaison.kexie@xunwu.example.org]
            """.ReplaceLineEndings("\n"), result.Stdout.ReplaceLineEndings("\n"));
        Assert.EndsWith("rule test(s) passed, 1 failed\n", result.Stdout.ReplaceLineEndings("\n"));
    }
}
