using System.Globalization;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Expressions.Facts;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Expressions;

/// <summary>
/// A rule file can never take the service down: length, token count and nesting depth are bounded before anything
/// recursive reads an expression, each with a located error; within the bounds, the deepest expressions still compile.
/// </summary>
public sealed class ExpressionBoundsTests : IDisposable
{
    private readonly ConditionRules rules = new();

    public void Dispose() => rules.Dispose();

    /// <summary>The two expressions of the red-team run: a 60,000-term chain and 20,000 nested parentheses.</summary>
    public static string Chain => string.Join(" && ", Enumerable.Repeat("true", 60_000));
    public static string Nested => new string('(', 20_000) + "true" + new string(')', 20_000);

    [Fact]
    public void ValidateReportsTheRedTeamExpressionsAtTheirPositionsAndExits()
    {
        rules.WriteObligations(
            ConditionRules.Obligation("test.chain", $"    when: '{Chain}'") +
            ConditionRules.Obligation("test.nested", $"    escalateWhen: '{Nested}'"));

        var (exit, stdout, stderr) = ConditionRules.Scilit("validate", "--rules", rules.Directory);

        Assert.Equal(1, exit);
        var (line, column) = rules.PositionOf("true && true");
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: the condition is {Chain.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; at most 2,000", stdout + stderr);
        (line, column) = rules.PositionOf("(((");
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: the condition is 40,004 characters long", stdout + stderr);
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public void TooManyTokensIsReportedAtTheFirstTokenPastTheBound()
    {
        var text = string.Join("&&", Enumerable.Repeat("true", 300)); // 599 tokens in 1,798 characters
        var problems = new List<Refusal>();

        Assert.Null(ConditionCompiler.CompileOne(text, problems));

        var problem = Assert.Single(problems);
        Assert.Equal(ExpressionLimits.MaxTokens / 2 * 6, problem.Position); // token 401 is the 201st `true`
        Assert.Contains($"more than {ExpressionLimits.MaxTokens} names, literals and operators", problem.Message);
    }

    [Fact]
    public void NestingTooDeepIsReportedAtTheFirstParenthesisPastTheBound()
    {
        var depth = ExpressionLimits.MaxDepth + 1;
        var problems = new List<Refusal>();

        Assert.Null(ConditionCompiler.CompileOne(new string('(', depth) + "true" + new string(')', depth), problems));

        var problem = Assert.Single(problems);
        Assert.Equal(ExpressionLimits.MaxDepth, problem.Position);
        Assert.Contains($"more than {ExpressionLimits.MaxDepth} deep", problem.Message);
    }

    [Fact]
    public void TheLargestExpressionsWithinTheBoundsCompileAndEvaluate()
    {
        var depth = ExpressionLimits.MaxDepth;
        var deepest = new string('(', depth) + "occurrence.DaysLeft > 1" + new string(')', depth);
        // `!true ||` is 3 tokens a term: as many terms as the token bound allows.
        var longest = string.Join(" || ", Enumerable.Range(0, ExpressionLimits.MaxTokens / 3).Select(i => $"!{(i % 2 == 0 ? "true" : "false")}"));
        Assert.True(longest.Length <= ExpressionLimits.MaxLength);
        var problems = new List<Refusal>();

        var deep = ConditionCompiler.CompileOne(deepest, problems);
        var wide = ConditionCompiler.CompileOne(longest, problems);

        Assert.Empty(problems);
        var occurrence = new OccurrenceFacts("o", "2025", new Date(2025, 12, 19), 5, 0, false, false);
        var unit = new UnitFacts("kexie", "科协", "member", new IdList([]));
        Assert.True(deep!(occurrence, unit, null!, new Date(2025, 12, 1)));
        Assert.True(wide!(occurrence, unit, null!, new Date(2025, 12, 1)));
    }

    [Fact]
    public void DeepTernariesAndUnaryChainsWithinTheBoundsCompileOnASmallStack()
    {
        // The parser and the expression compiler recurse per level: the bounds must leave room on a 1 MiB stack (less than a .NET thread's default).
        var ternaries = string.Concat(Enumerable.Repeat("occurrence.DaysLeft > 1 ? true : ", 40)) + "false";
        var unary = new string('!', 300) + "true";
        var problems = new List<Refusal>();
        ConditionFunction? a = null, b = null;
        var thread = new Thread(() =>
        {
            a = ConditionCompiler.CompileOne(ternaries, problems);
            b = ConditionCompiler.CompileOne(unary, problems);
        }, 1024 * 1024);

        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(60)));

        Assert.Empty(problems);
        Assert.NotNull(a);
        Assert.NotNull(b);
    }
}
