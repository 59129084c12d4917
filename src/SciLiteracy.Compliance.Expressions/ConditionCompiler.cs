using System.Collections.Immutable;
using System.Linq.Dynamic.Core.Exceptions;
using System.Linq.Expressions;
using System.Text;
using FastExpressionCompiler;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Expressions.Facts;
using SciLiteracy.Compliance.Rules.Diagnostics;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>
/// Compiles rule conditions with RulesEngine's expression parser (System.Linq.Dynamic.Core): the typed facts are its rule
/// parameters, the helpers its registered custom types. Each expression first passes the bounds and the sandbox over
/// its tokens; what RulesEngine builds is audited and then compiled to a delegate of our own signature, which
/// evaluation calls directly (not through the engine's per-call wrapper). Nothing is read from or written to disk.
/// </summary>
public static class ConditionCompiler
{
    private static readonly RuleParameter[] Parameters =
    [
        RuleParameter.Create("occurrence", typeof(OccurrenceFacts)),
        RuleParameter.Create("unit", typeof(UnitFacts)),
        RuleParameter.Create("target", typeof(TargetFacts)),
        RuleParameter.Create("now", typeof(Date)),
    ];

    private static readonly ParameterExpression[] ParameterExpressions = [.. Parameters.Select(p => p.ParameterExpression)];

    // One parser: building its type provider scans the loaded assemblies once.
    private static readonly Lazy<RuleExpressionParser> Parser = new(() => new RuleExpressionParser(new ReSettings
    {
        CustomTypes = [typeof(ConditionHelpers), typeof(IdList), typeof(Date)],
        IsExpressionCaseSensitive = true,
        // Otherwise a parse error silently becomes the constant `false`.
        EnableExceptionAsErrorMessageForRuleExpressionParsing = true,
        AutoRegisterInputType = false,
    }));

    /// <param name="expressions">every condition of the rule set; the same text is compiled once</param>
    public static CompiledExpressions Compile(IEnumerable<ConditionExpression> expressions)
    {
        var conditions = expressions.Distinct().ToList();
        var texts = conditions.Select(c => c.Text).Distinct(StringComparer.Ordinal).ToList();
        // Parsing dominates and each text is independent: on every core (the parser and the compiler are thread-safe).
        var results = new (ConditionFunction? Function, List<Refusal> Problems)[texts.Count];
        Parallel.For(0, texts.Count, i =>
        {
            var problems = new List<Refusal>();
            results[i] = (CompileOne(texts[i], problems), problems);
        });
        var byText = texts.Select((text, i) => (text, i)).ToDictionary(t => t.text, t => results[t.i], StringComparer.Ordinal);

        var diagnostics = new DiagnosticBag();
        var functions = ImmutableDictionary.CreateBuilder<ConditionExpression, ConditionFunction>();
        foreach (var condition in conditions)
        {
            var compiled = byText[condition.Text];
            foreach (var problem in compiled.Problems) diagnostics.Error(ExpressionSourceMap.Locate(condition, problem.Position), problem.Message);
            if (compiled.Function is not null) functions[condition] = compiled.Function;
        }
        return diagnostics.HasErrors
            ? new(ImmutableDictionary<ConditionExpression, ConditionFunction>.Empty, diagnostics.ToImmutable())
            : new(functions.ToImmutable(), diagnostics.ToImmutable());
    }

    /// <summary>One expression: bounds, sandbox, parse, audit, compile; null with the reasons in <paramref name="problems"/>.</summary>
    public static ConditionFunction? CompileOne(string text, List<Refusal> problems)
    {
        if (ExpressionTokenizer.Tokenize(text, problems) is not { } tokenized) return null;
        if (tokenized.Tokens.Count == 0)
        {
            problems.Add(new(0, "the condition is empty"));
            return null;
        }
        problems.AddRange(ExpressionSandbox.Check(tokenized));
        if (problems.Count > 0) return null;

        var (source, map) = ForParser(text, tokenized.Tokens);
        Expression body;
        try
        {
            body = Parser.Value.Parse(source, ParameterExpressions, null!); // any type: a non-bool gets our message below
        }
        catch (ParseException e)
        {
            problems.Add(new(map(e.Position), ParserMessage(e.Message)));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or InvalidCastException)
        {
            // System.Linq.Expressions refusing an operator the parser let through: name it where it is written.
            var (position, message) = OperatorMismatch(e.Message, tokenized.Tokens) ?? (0, ParserMessage(e.Message));
            problems.Add(new(position, message));
            return null;
        }
        if (body.Type != typeof(bool))
        {
            problems.Add(new(0, $"a condition must be true or false (bool), but this one is {TypeName(body.Type)}"));
            return null;
        }
        if (ExpressionTreeAudit.FirstRefused(body, ParameterExpressions) is { } refused)
        {
            problems.Add(new(0, $"the condition reaches {refused}, which is not allowed in a rule expression"));
            return null;
        }
        var lambda = Expression.Lambda<ConditionFunction>(body, ParameterExpressions);
        // FastExpressionCompiler (RulesEngine's own option) compiles in a fraction of the time; the system compiler where it declines.
        return lambda.CompileFast(ifFastFailedReturnNull: true) ?? lambda.Compile();
    }

    /// <summary>
    /// The text the parser reads: tokens as written, comments dropped, helpers qualified by their custom type
    /// (`Days(` → `ConditionHelpers.Days(`); and a map from a position in it back to one in the original text.
    /// </summary>
    private static (string Source, Func<int, int> Map) ForParser(string text, IReadOnlyList<ExpressionToken> tokens)
    {
        var source = new StringBuilder();
        var starts = new List<(int Source, int Original, int Length)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (source.Length > 0) source.Append(' ');
            var isHelper = token.Kind == ExpressionTokenKind.Identifier && ExpressionSandbox.Functions.ContainsKey(token.Text)
                && (i == 0 || !tokens[i - 1].Is("."));
            if (isHelper) source.Append(nameof(ConditionHelpers)).Append('.');
            starts.Add((source.Length, token.Start, token.Text.Length));
            source.Append(token.Text);
        }
        return (source.ToString(), position =>
        {
            if (position < 0) return 0;
            var at = starts.FindLastIndex(s => s.Source <= position);
            if (at < 0) return 0;
            var (s, original, length) = starts[at];
            return position - s <= length ? original + (position - s) : Math.Min(text.Length, original + length);
        });
    }

    private static readonly Dictionary<string, string> OperatorSymbols = new()
    {
        ["Equal"] = "==", ["NotEqual"] = "!=", ["LessThan"] = "<", ["LessThanOrEqual"] = "<=", ["GreaterThan"] = ">",
        ["GreaterThanOrEqual"] = ">=", ["Add"] = "+", ["Subtract"] = "-", ["Multiply"] = "*", ["Divide"] = "/", ["Modulo"] = "%",
        ["AndAlso"] = "&&", ["OrElse"] = "||",
    };

    /// <summary>"The binary operator Equal is not defined for the types 'System.String' and 'System.Int32'." at the first `==`.</summary>
    private static (int Position, string Message)? OperatorMismatch(string message, IReadOnlyList<ExpressionToken> tokens)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"The binary operator (\w+) is not defined for the types '([^']+)' and '([^']+)'");
        if (!match.Success || !OperatorSymbols.TryGetValue(match.Groups[1].Value, out var symbol)) return null;
        var at = tokens.FirstOrDefault(t => t.Is(symbol));
        return (at.Start, $"Operator '{symbol}' cannot be applied to operands of type '{Short(match.Groups[2].Value)}' and '{Short(match.Groups[3].Value)}'");
    }

    private static string Short(string typeName) => typeName switch
    {
        "System.String" => "string", "System.Int32" => "int", "System.Double" => "double", "System.Boolean" => "bool", "System.Decimal" => "decimal",
        _ => typeName[(typeName.LastIndexOf('.') + 1)..],
    };

    /// <summary>The parser's message in the facts' words: type names as a rule author writes them.</summary>
    private static string ParserMessage(string message) => message
        .Replace(typeof(Date).Namespace + ".", "")
        .Replace("'Boolean'", "'bool'").Replace("'Int32'", "'int'").Replace("'String'", "'string'").Replace("'Double'", "'double'");

    private static string TypeName(Type type) => type == typeof(int) || type == typeof(double) || type == typeof(decimal) ? "a number"
        : type == typeof(string) ? "a string" : $"a {type.Name}";
}
