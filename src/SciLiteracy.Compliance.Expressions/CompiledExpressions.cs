using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Rules.Diagnostics;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>The outcome of compiling a rule set's conditions: a function for each, or the reasons why not.</summary>
public sealed record CompiledExpressions(
    ImmutableDictionary<ConditionExpression, ConditionFunction> Functions,
    ImmutableArray<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}
