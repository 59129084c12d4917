using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Tests.Rules.Loading;

/// <summary>
/// Each folder under BrokenRules/ is a rules directory with one kind of mistake and the exact
/// diagnostics a rule author must see for it (expected.txt, with {dir} for the folder).
/// </summary>
public class BrokenRuleFileTests
{
    private static readonly string CasesRoot = Path.Combine(AppContext.BaseDirectory, "BrokenRules");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(CasesRoot).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    [Fact]
    public void There_are_at_least_thirty_distinct_broken_rule_sets()
    {
        Assert.True(Cases().Count >= 30, $"only {Cases().Count} cases");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loader_reports_exactly_the_expected_errors_with_their_positions(string name)
    {
        var dir = Path.Combine(CasesRoot, name);
        var expected = File.ReadAllLines(Path.Combine(dir, "expected.txt")).Where(l => l.Length > 0).Select(l => l.Replace("{dir}", dir)).ToList();

        var result = RuleLoader.Load(dir);

        Assert.Null(result.Rules);
        Assert.Equal(expected, result.Errors.Select(d => d.ToString()).ToList());
    }

    [Theory]
    [InlineData("01-yaml-syntax-unclosed-flow")]
    [InlineData("19-binary-file")]
    [InlineData("20-no-rule-files")]
    [InlineData("36-many-errors-at-once")]
    public void Validate_verb_prints_every_error_and_exits_1_without_a_stack_trace(string name)
    {
        var expected = File.ReadAllLines(Path.Combine(CasesRoot, name, "expected.txt")).Where(l => l.Length > 0)
            .Select(l => l.Replace("{dir}", name)).ToList();

        var result = ScilitProcess.Run(CasesRoot, "validate", "--rules", name);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expected, lines.Where(l => l.Contains(": error: ")).ToList());
        Assert.DoesNotContain("   at ", result.Stderr + result.Stdout);
        Assert.Matches(@"^\d+ error\(s\), \d+ warning\(s\) in \d+ file\(s\)$", lines[^1]);
    }

    [Fact]
    public void An_unreadable_rule_file_is_reported_as_such()
    {
        using var temp = new TempDir();
        File.Copy(Path.Combine(CasesRoot, "02-unknown-key-near-miss", "rules.yaml"), temp.File("a.yaml"));
        // A dangling link is unreadable even for root, who can read any permission-protected file.
        File.CreateSymbolicLink(temp.File("b.yaml"), temp.File("missing-target.yaml"));

        var result = RuleLoader.Load(temp.Path);

        var error = Assert.Single(result.Errors, e => e.Location.Path.EndsWith("b.yaml", StringComparison.Ordinal));
        Assert.StartsWith($"{temp.Path}/b.yaml:1:1: error: cannot read file: ", error.ToString());
    }

    [Fact]
    public void A_missing_rules_directory_is_an_error_not_a_crash()
    {
        var result = ScilitProcess.Run(CasesRoot, "validate", "--rules", "no-such-dir");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-dir:1:1: error: rules directory not found", result.Stderr);
    }
}
