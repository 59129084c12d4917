using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Expressions;

namespace SciLiteracy.Compliance.Cli;

/// <summary>Loads rules for a verb, printing every diagnostic exactly as `validate` does.</summary>
public static class RuleSetLoading
{
    /// <summary>
    /// Rules with their conditions compiled; a condition that faults while the verb runs is reported on stderr.
    /// Verbs with a state file plan through OccurrenceStates.PlannerOver, so that conditions read it.
    /// </summary>
    public static RuleSet? LoadOrReport(string rulesDirectory, CliOutput output, bool showWarnings = false)
    {
        var result = RuleSetCompilation.Load(rulesDirectory, conditions => conditions.With(onFault: fault => output.Err.WriteLine(fault)));
        foreach (var d in result.Diagnostics)
            if (showWarnings || d.Severity == Rules.Diagnostics.Severity.Error) output.Err.WriteLine(d);
        return result.Rules;
    }
}
