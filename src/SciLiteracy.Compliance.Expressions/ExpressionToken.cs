namespace SciLiteracy.Compliance.Expressions;

public enum ExpressionTokenKind { Identifier, Number, String, Operator, Other }

/// <summary>One token of a rule expression and where it starts in the expression's text.</summary>
public readonly record struct ExpressionToken(ExpressionTokenKind Kind, int Start, string Text)
{
    public int End => Start + Text.Length;
    public bool Is(string text) => Kind is ExpressionTokenKind.Operator or ExpressionTokenKind.Other && Text == text;
}
