
namespace SciLiteracy.Compliance.Domain.Obligations;

/// <summary>A condition in C# syntax, kept with its location in the rule file.</summary>
public sealed record ConditionExpression(string Text, SourceSpan Location);
