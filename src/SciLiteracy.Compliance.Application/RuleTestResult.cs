using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.RuleTests;

namespace SciLiteracy.Compliance.Application;

/// <summary>The result of one rule test file: its problems (a file that cannot run) or its failed expectations.</summary>
public sealed record RuleTestResult(string Path, string? Name, IReadOnlyList<Diagnostic> Problems, IReadOnlyList<RuleTestFailure> Failures, int Delivered)
{
    public bool Passed => Problems.Count == 0 && Failures.Count == 0;
}
