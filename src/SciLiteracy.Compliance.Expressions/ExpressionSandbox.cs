using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SciLiteracy.Compliance.Expressions.Facts;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>A construct refused in a rule expression: where it starts inside the expression and what to tell the author.</summary>
public sealed record Refusal(int Position, string Message);

/// <summary>
/// The sandbox, by construction: an expression may only contain the syntax below and bind only to the facts model,
/// the documented helpers and a few members of Math and string. Without loops, lambdas, object creation or calls
/// beyond these, every accepted expression terminates and touches nothing outside its arguments.
/// </summary>
public static class ExpressionSandbox
{
    private static readonly ImmutableHashSet<SyntaxKind> AllowedSyntax =
    [
        SyntaxKind.TrueLiteralExpression, SyntaxKind.FalseLiteralExpression, SyntaxKind.NumericLiteralExpression,
        SyntaxKind.StringLiteralExpression, SyntaxKind.ParenthesizedExpression, SyntaxKind.ConditionalExpression,
        SyntaxKind.AddExpression, SyntaxKind.SubtractExpression, SyntaxKind.MultiplyExpression, SyntaxKind.DivideExpression,
        SyntaxKind.ModuloExpression, SyntaxKind.LogicalAndExpression, SyntaxKind.LogicalOrExpression,
        SyntaxKind.EqualsExpression, SyntaxKind.NotEqualsExpression, SyntaxKind.LessThanExpression,
        SyntaxKind.LessThanOrEqualExpression, SyntaxKind.GreaterThanExpression, SyntaxKind.GreaterThanOrEqualExpression,
        SyntaxKind.LogicalNotExpression, SyntaxKind.UnaryMinusExpression, SyntaxKind.UnaryPlusExpression,
        SyntaxKind.SimpleMemberAccessExpression, SyntaxKind.IdentifierName, SyntaxKind.InvocationExpression,
        SyntaxKind.ArgumentList, SyntaxKind.Argument, SyntaxKind.PredefinedType,
    ];

    private static readonly ImmutableHashSet<SyntaxKind> AllowedTrivia =
    [
        SyntaxKind.WhitespaceTrivia, SyntaxKind.EndOfLineTrivia, SyntaxKind.SingleLineCommentTrivia, SyntaxKind.MultiLineCommentTrivia,
    ];

    private static readonly ImmutableHashSet<string> MathHelpers = ["Min", "Max", "Abs", "Round", "Floor", "Ceiling"];
    private static readonly ImmutableHashSet<string> StringInstanceHelpers = ["StartsWith", "EndsWith", "Contains"];
    private static readonly ImmutableHashSet<string> StringStaticHelpers = ["Compare", "Equals"];
    private static readonly ImmutableHashSet<SpecialType> AllowedSpecialTypes =
        [SpecialType.System_Boolean, SpecialType.System_Int32, SpecialType.System_Int64, SpecialType.System_Double, SpecialType.System_Decimal, SpecialType.System_String];

    /// <summary>Syntax check of a parsed expression (positions relative to its text).</summary>
    public static List<Refusal> CheckSyntax(ExpressionSyntax expression)
    {
        var refusals = new List<Refusal>();
        foreach (var trivia in expression.DescendantTrivia(descendIntoTrivia: true))
            if (!AllowedTrivia.Contains(trivia.Kind()))
                refusals.Add(new(trivia.SpanStart, $"`{Shorten(trivia.ToString())}`{Describe(trivia.Kind(), "")} is not allowed in a rule expression"));
        CheckNode(expression, refusals);
        return refusals;
    }

    private static void CheckNode(SyntaxNode node, List<Refusal> refusals)
    {
        var allowed = AllowedSyntax.Contains(node.Kind())
            && node is not ArgumentSyntax { RefKindKeyword.RawKind: not 0 } and not ArgumentSyntax { NameColon: not null }
            && node is not PredefinedTypeSyntax { Keyword.RawKind: not (int)SyntaxKind.StringKeyword };
        if (!allowed)
        {
            var (position, text) = Offending(node);
            refusals.Add(new(position, $"`{Shorten(text)}`{Describe(node.Kind(), text)} is not allowed in a rule expression"));
            return;
        }
        foreach (var child in node.ChildNodes()) CheckNode(child, refusals);
    }

    /// <summary>What makes the construct what it is: the operator, the arrow, the cast, else its first token.</summary>
    private static (int Position, string Text) Offending(SyntaxNode node) => node switch
    {
        CastExpressionSyntax c => (c.SpanStart, $"({c.Type})"),
        ElementAccessExpressionSyntax e => (e.ArgumentList.SpanStart, e.ArgumentList.OpenBracketToken.Text),
        LiteralExpressionSyntax l => (l.SpanStart, l.Token.Text),
        _ => (OffendingToken(node).SpanStart, OffendingToken(node).Text),
    };

    private static SyntaxToken OffendingToken(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax a => a.OperatorToken,
        BinaryExpressionSyntax b => b.OperatorToken,
        PrefixUnaryExpressionSyntax p => p.OperatorToken,
        PostfixUnaryExpressionSyntax p => p.OperatorToken,
        LambdaExpressionSyntax l => l.ArrowToken,
        ArgumentSyntax { RefKindKeyword.RawKind: not 0 } a => a.RefKindKeyword,
        ArgumentSyntax { NameColon: { } n } => n.Name.Identifier,
        MemberAccessExpressionSyntax m => m.OperatorToken,
        ConditionalAccessExpressionSyntax c => c.OperatorToken,
        _ => node.GetFirstToken(),
    };

    /// <summary>Semantic check of one expression inside the compiled class: every bound symbol and every type on the allowlist.</summary>
    /// <param name="hasCompileErrors">the compiler already reported this expression: what it could not bind is not refused again</param>
    public static List<Refusal> CheckSymbols(ExpressionSyntax expression, SemanticModel model, int expressionStart, bool hasCompileErrors)
    {
        var refusals = new List<Refusal>();
        CheckBound(expression, model, refusals, expressionStart, hasCompileErrors);
        return refusals;
    }

    private static void CheckBound(SyntaxNode node, SemanticModel model, List<Refusal> refusals, int start, bool hasCompileErrors)
    {
        if (node is ExpressionSyntax expression && expression is not PredefinedTypeSyntax)
        {
            var symbolInfo = model.GetSymbolInfo(expression);
            var symbol = symbolInfo.Symbol;
            var isName = expression is IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax;
            var refused = symbol is null
                ? isName && symbolInfo.CandidateSymbols.IsEmpty && !hasCompileErrors // e.g. nameof, bound by the compiler to nothing
                : !IsAllowed(symbol, expression);
            // Names of namespaces, types and called methods have no value of their own; every other node's type is checked.
            var isCallee = expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression;
            if (!refused && symbol is not (INamespaceSymbol or INamedTypeSymbol) && !isCallee)
            {
                var type = model.GetTypeInfo(expression);
                refused = !IsAllowedOrUnbound(type.Type) || !IsAllowedOrUnbound(type.ConvertedType);
            }
            if (refused)
            {
                var culprit = InnermostRefused(expression, model);
                var named = culprit is InvocationExpressionSyntax call ? call.Expression : culprit;
                refusals.Add(new(named.SpanStart - start, $"`{Shorten(named.ToString())}` is not allowed in a rule expression{Hint(symbol)}"));
                return;
            }
        }
        foreach (var child in node.ChildNodes()) CheckBound(child, model, refusals, start, hasCompileErrors);
    }

    /// <summary>
    /// Down a chain like <c>System.IO.File.Create(p).CanRead</c>, the first refused member (<c>System.IO.File.Create</c>):
    /// that is what the author must remove.
    /// </summary>
    private static ExpressionSyntax InnermostRefused(ExpressionSyntax refused, SemanticModel model)
    {
        var current = refused;
        while (current switch { InvocationExpressionSyntax i => i.Expression, MemberAccessExpressionSyntax m => m.Expression, _ => null } is { } inner
               && inner is InvocationExpressionSyntax or MemberAccessExpressionSyntax
               && model.GetSymbolInfo(inner).Symbol is IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol
               && !IsAllowed(model.GetSymbolInfo(inner).Symbol!, inner))
            current = inner;
        return current;
    }

    // A type the compiler could not work out is already an error of its own.
    private static bool IsAllowedOrUnbound(ITypeSymbol? type) => type is null or { TypeKind: TypeKind.Error } || IsAllowedType(type);

    private static string Hint(ISymbol? symbol) => symbol switch
    {
        IMethodSymbol { ContainingType.SpecialType: SpecialType.System_String } => ": on strings only ==, !=, StartsWith, EndsWith, Contains, Length and string.Compare/string.Equals are",
        IMethodSymbol m when m.ContainingType?.ToDisplayString() == "System.Math" => ": of Math only Min, Max, Abs, Round, Floor and Ceiling are",
        _ => "",
    };

    // Symbols are shared across all expressions of a compilation: decide each once (the walk dominates a cold compile).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ISymbol, StrongBox<bool>> Decided = new();

    private static bool IsAllowed(ISymbol symbol, ExpressionSyntax node) => symbol switch
    {
        INamespaceSymbol or INamedTypeSymbol => IsAllowedUncached(symbol, node),
        _ => Decided.GetValue(symbol, s => new StrongBox<bool>(IsAllowedUncached(s, node))).Value,
    };

    private static bool IsAllowedUncached(ISymbol symbol, ExpressionSyntax node) => symbol switch
    {
        IParameterSymbol p => p.ContainingSymbol is IMethodSymbol { ContainingType.Name: ConditionCompiler.GeneratedClassName },
        INamespaceSymbol ns => ns.ToDisplayString() == "System" && node.Parent is MemberAccessExpressionSyntax,
        INamedTypeSymbol t => (t.SpecialType == SpecialType.System_String || t.ToDisplayString() == "System.Math") && node.Parent is MemberAccessExpressionSyntax,
        IPropertySymbol p => IsRuleVisible(p) || (p.ContainingType.SpecialType == SpecialType.System_String && p.Name == "Length"),
        IMethodSymbol m => IsAllowedMethod(m),
        _ => false,
    };

    private static bool IsAllowedMethod(IMethodSymbol m)
    {
        if (m.IsGenericMethod || !Signature(m).All(IsAllowedType)) return false;
        return m.MethodKind switch
        {
            MethodKind.BuiltinOperator => true,
            MethodKind.UserDefinedOperator => IsFactsType(m.ContainingType),
            MethodKind.Ordinary => IsRuleVisible(m)
                || (m.ContainingType.ToDisplayString() == "System.Math" && MathHelpers.Contains(m.Name))
                || (m.ContainingType.SpecialType == SpecialType.System_String
                    && (m.IsStatic ? StringStaticHelpers.Contains(m.Name) : StringInstanceHelpers.Contains(m.Name))),
            _ => false,
        };
    }

    private static IEnumerable<ITypeSymbol> Signature(IMethodSymbol m) => m.Parameters.Select(p => p.Type).Append(m.ReturnType);

    private static bool IsRuleVisible(ISymbol symbol) =>
        IsFactsType(symbol.ContainingType) && symbol.GetAttributes().Any(a => a.AttributeClass?.Name == nameof(RuleVisibleAttribute));

    private static bool IsFactsType(ITypeSymbol? type) =>
        type is not null && type.ContainingNamespace?.ToDisplayString() == typeof(Date).Namespace
        && type.ContainingAssembly?.Name == typeof(Date).Assembly.GetName().Name;

    public static bool IsAllowedType(ITypeSymbol type) =>
        AllowedSpecialTypes.Contains(type.SpecialType) || Decided.GetValue(type, t => new StrongBox<bool>(IsFactsType((ITypeSymbol)t))).Value;

    /// <summary>" (object creation)" for `new`; nothing where the token says it all (`await`).</summary>
    private static string Describe(SyntaxKind kind, string token)
    {
        var name = kind.ToString().Replace("Expression", "").Replace("Trivia", "").Replace("Syntax", "");
        var words = string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
        return words.Length == 0 || words.Replace(" ", "") == token.TrimStart('_') ? "" : $" ({words})";
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 60 ? oneLine : oneLine[..57] + "...";
    }
}
