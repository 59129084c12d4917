using SciLiteracy.Compliance.Expressions;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Expressions;

/// <summary>Type errors, unknown names and syntax errors in conditions read like every other validation error: path:line:col.</summary>
public sealed class ConditionDiagnosticTests : IDisposable
{
    private readonly ConditionRules rules = new();

    public void Dispose() => rules.Dispose();

    private string ErrorsOf(string obligations)
    {
        rules.WriteObligations(obligations);
        var result = RuleSetCompilation.Load(rules.Directory);
        Assert.Null(result.Rules);
        return string.Join("\n", result.Errors);
    }

    [Fact]
    public void AnUnknownMemberIsReportedAtItsColumnInsideADoubleQuotedScalarWithDidYouMean()
    {
        var errors = ErrorsOf(ConditionRules.Obligation("test.typo",
            "    when: \"unit.Kind == \\\"township\\\" && occurrence.DaysOverdu > 5\""));

        var (line, column) = rules.PositionOf("DaysOverdu >");
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: ", errors);
        Assert.Contains("'DaysOverdu'", errors);
        Assert.Contains("(did you mean 'DaysOverdue'?)", errors);
    }

    [Fact]
    public void AnUnknownNameIsReportedWithTheNearestFact()
    {
        var errors = ErrorsOf(ConditionRules.Obligation("test.unknown-name", "    when: ocurrence.DaysLeft > 3"));

        var (line, column) = rules.PositionOf("ocurrence");
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: unknown name 'ocurrence' (did you mean 'occurrence'?)", errors);
    }

    [Fact]
    public void ATypeErrorCarriesTheCompilersMessageAtTheExpression()
    {
        var errors = ErrorsOf(
            ConditionRules.Obligation("test.type-error", "    when: 'unit.Kind == 3'") +
            ConditionRules.Obligation("test.not-bool", "    when: occurrence.DaysLeft + 1"));

        var (line, column) = rules.PositionOf("== 3");
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: Operator '==' cannot be applied to operands of type 'string' and 'int'", errors);
        (line, column) = rules.PositionOf("occurrence.DaysLeft + 1");
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: a condition must be true or false (bool), but this one is a number", errors);
    }

    [Fact]
    public void ASyntaxErrorIsReportedInsideTheExpressionAndNothingElseOfItIsGuessed()
    {
        var errors = ErrorsOf(ConditionRules.Obligation("test.syntax", "    when: 'occurrence.DaysLeft > '"));

        var (line, column) = rules.PositionOf("occurrence.DaysLeft > ");
        // Right after the dangling operator, where the missing operand belongs.
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column + "occurrence.DaysLeft >".Length}: error: Expression expected", errors);
    }

    [Fact]
    public void ConditionErrorsInLaddersAndEscalateWhenAreReportedTogetherWithTheLoadersOwnErrors()
    {
        var errors = ErrorsOf(
            ConditionRules.Obligation("test.ladder-when", """
                escalateWhen: 'occurence.DaysOverdue > 1'
                escalation:
                  - after: 3d
                    to: [unit.head]
                    when: 'unit.Kindd == "member"'
            """.Replace("\r", "")) +
            ConditionRules.Obligation("test.broken", "    ladder: no-such-ladder"));

        Assert.Contains("(did you mean 'occurrence'?)", errors);
        Assert.Contains("(did you mean 'Kind'?)", errors);
        Assert.Contains("unknown ladder 'no-such-ladder'", errors);
    }

    [Fact]
    public void AnErrorOnTheSecondLineOfABlockScalarPointsAtThatLine()
    {
        var errors = ErrorsOf(ConditionRules.Obligation("test.block", """
                when: |
                  unit.Id == "kexie"
                    && occurrence.DaysLeftt > 0
            """));

        var (line, column) = rules.PositionOf("DaysLeftt");
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: ", errors);
        Assert.Contains("(did you mean 'DaysLeft'?)", errors);
    }

    [Theory]
    [InlineData("unit.kind == \"member\"", "kind ==", "`unit` has no member 'kind' (did you mean 'Kind'?)")]
    [InlineData("target.Pase < 1", "Pase", "`target` has no member 'Pase' (did you mean 'Pace'?)")]
    [InlineData("unit.LeadUnits.Cont(\"x\")", "Cont(", "`unit.LeadUnits` has no member 'Cont' (did you mean 'Count'?)")]
    [InlineData("Dayz(now, occurrence.Due) > 3", "Dayz", "unknown name 'Dayz' (did you mean 'Days'?)")]
    [InlineData("Math.Mn(occurrence.DaysLeft, 3) > 0", "Mn", "`Math` has no member 'Mn' (did you mean 'Min'?)")]
    [InlineData("now.Yaer >= 2025", "Yaer", "`now` has no member 'Yaer' (did you mean 'Year'?)")]
    public void AMisspeltFactMemberOrFunctionGetsASuggestionAtItsPosition(string expression, string at, string message)
    {
        var errors = ErrorsOf(ConditionRules.Obligation("test.misspelt", $"    when: '{expression}'"));

        var (line, column) = rules.PositionOf(at);
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: {message}", errors);
    }

    [Fact]
    public void EveryConditionOfTheSetIsReportedAtOnce()
    {
        var errors = ErrorsOf(
            ConditionRules.Obligation("test.one", "    when: 'occurrence.DaysLeftt > 1'") +
            ConditionRules.Obligation("test.two", "    when: 'unit.Kind = \"member\"'\n    escalateWhen: 'GetType() == 1'") +
            ConditionRules.Obligation("test.three", "    when: '(occurrence.DaysLeft > 1'"));

        Assert.Contains("(did you mean 'DaysLeft'?)", errors);
        Assert.Contains("`=` is not allowed", errors);
        Assert.Contains("`GetType` is not allowed", errors);
        Assert.Contains("')' or operator expected", errors);
        Assert.Equal(4, errors.Split('\n').Length);
    }

    [Fact]
    public void EveryConditionInTheDocsAndTheShippedRulesCompiles()
    {
        // `when:` / `escalateWhen:` values in docs/*.md and rules/**/*.yaml, as written there (YAML-quoted).
        var quoted = new System.Text.RegularExpressions.Regex(@"\b(?:when|escalateWhen):\s*(""(?:[^""\\]|\\.)*""|'(?:[^']|'')*')");
        var files = Directory.GetFiles(Path.Combine(ConditionRules.RepositoryRoot, "docs"), "*.md")
            .Concat(Directory.GetFiles(Path.Combine(ConditionRules.RepositoryRoot, "rules"), "*.yaml", SearchOption.AllDirectories));
        var found = files.SelectMany(f => quoted.Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.True(found.Count >= 3, $"only {found.Count} conditions found");

        rules.WriteObligations(string.Concat(found.Select((text, i) => ConditionRules.Obligation($"test.documented-{i}", $"    when: {text}"))));
        var result = RuleSetCompilation.Load(rules.Directory);

        Assert.True(result.Rules is not null, string.Join("\n", result.Errors));
    }

    [Fact]
    public void CommentsAndTheDocumentedHelpersAreAccepted()
    {
        rules.WriteObligations(ConditionRules.Obligation("test.helpers",
            "    when: 'Math.Min(occurrence.DaysLeft, 3) >= 0 && string.Compare(unit.Id, \"a\") > 0 && unit.Id.Length > 2" +
            " && unit.Id.EndsWith(\"xie\") && unit.Name.Contains(\"科\") && Math.Abs(Days(now, occurrence.Due)) >= 0 // 注释'"));

        var result = RuleSetCompilation.Load(rules.Directory);

        Assert.True(result.Rules is not null, string.Join("\n", result.Errors));
    }
}
