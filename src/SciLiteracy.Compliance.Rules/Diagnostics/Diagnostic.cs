using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Rules.Diagnostics;

public enum Severity { Error, Warning }

/// <summary>One problem in the rules, printed as <c>path:line:col: error: message</c>.</summary>
public sealed record Diagnostic(Severity Severity, SourceSpan Location, string Message)
{
    public override string ToString() =>
        $"{Location}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}

/// <summary>Collects every problem, so that a rule author sees them all at once.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> items = [];

    public bool HasErrors => items.Any(d => d.Severity == Severity.Error);
    public void Error(SourceSpan at, string message) => items.Add(new(Severity.Error, at, message));
    public void Warning(SourceSpan at, string message) => items.Add(new(Severity.Warning, at, message));
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => items.AddRange(diagnostics);

    /// <summary>How many were added so far: marks where one step's diagnostics start.</summary>
    public int Count => items.Count;

    /// <summary>The index of the first error added at or after <paramref name="start"/>, or -1.</summary>
    public int FirstErrorFrom(int start) => items.FindIndex(start, d => d.Severity == Severity.Error);

    /// <summary>Adds to the message of an error already reported (e.g. how many errors it caused that are not shown).</summary>
    public void AppendToMessage(int index, string text) => items[index] = items[index] with { Message = items[index].Message + text };

    /// <summary>Sorted by file, line and column, so that output is stable and reads top to bottom.</summary>
    public ImmutableArray<Diagnostic> ToImmutable() => items
        .Distinct()
        .OrderBy(d => d.Location.Path, StringComparer.Ordinal)
        .ThenBy(d => d.Location.Line)
        .ThenBy(d => d.Location.Column)
        .ThenBy(d => d.Message, StringComparer.Ordinal)
        .ToImmutableArray();
}
