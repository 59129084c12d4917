using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Rules.Diagnostics;

namespace SciLiteracy.Compliance.Rules.Loading;

/// <summary>The outcome of loading a rules directory: rules only when there is no error.</summary>
public sealed record LoadResult(RuleSet? Rules, ImmutableArray<Diagnostic> Diagnostics, int FileCount)
{
    public bool HasErrors => Rules is null;

    /// <summary>Every condition in the files, in reading order, whether or not its entry was valid (for the compile step).</summary>
    public ImmutableArray<ConditionExpression> Conditions { get; init; } = [];
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => d.Severity == Severity.Warning);
}
