using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Host.Cli;

/// <summary>Loads rules for a verb, printing every diagnostic exactly as `validate` does.</summary>
public static class RuleSetLoading
{
    public static RuleSet? LoadOrReport(string rulesDirectory, CliOutput output, bool showWarnings = false)
    {
        var result = RuleLoader.Load(rulesDirectory);
        foreach (var d in result.Diagnostics)
            if (showWarnings || d.Severity == Rules.Diagnostics.Severity.Error) output.Err.WriteLine(d);
        return result.Rules;
    }
}
