namespace SciLiteracy.Compliance.Expressions;

/// <summary>A problem in a rule expression: where it starts inside the expression's text and what to tell the author.</summary>
public sealed record Refusal(int Position, string Message);
