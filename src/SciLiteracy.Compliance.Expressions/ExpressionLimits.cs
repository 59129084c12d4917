namespace SciLiteracy.Compliance.Expressions;

/// <summary>
/// Bounds checked before anything recursive sees an expression: the parser and the expression compiler recurse
/// per nesting level and per operand, so within these bounds neither can exhaust a thread's stack.
/// </summary>
public static class ExpressionLimits
{
    /// <summary>Characters of one condition; the longest shipped or documented one has under 100.</summary>
    public const int MaxLength = 2_000;

    /// <summary>Tokens (names, literals, operators) of one condition.</summary>
    public const int MaxTokens = 400;

    /// <summary>Parentheses (grouping and calls) open at once.</summary>
    public const int MaxDepth = 24;
}
