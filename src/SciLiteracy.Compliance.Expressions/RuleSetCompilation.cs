using System.Collections.Immutable;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>
/// The post-load step `validate`, `plan` and the service share: load the rules, then compile every condition of the
/// set at once. Compile and sandbox errors join the loader's diagnostics; a set with any error yields no rules.
/// </summary>
public static class RuleSetCompilation
{
    public static LoadResult Load(string rulesDirectory, Func<CompiledConditions, CompiledConditions>? configure = null)
    {
        var loaded = RuleLoader.Load(rulesDirectory);
        // Every condition read is compiled, also when other entries are broken, so that every error is reported at once.
        var compiled = ConditionCompiler.Compile(loaded.Rules is { } valid ? loaded.Conditions.Concat(Conditions(valid)) : loaded.Conditions);
        var diagnostics = new DiagnosticBag();
        diagnostics.AddRange(loaded.Diagnostics);
        diagnostics.AddRange(compiled.Diagnostics);
        if (loaded.Rules is not { } rules || compiled.HasErrors) return loaded with { Rules = null, Diagnostics = diagnostics.ToImmutable() };
        var conditions = new CompiledConditions(compiled.Functions);
        return loaded with { Rules = rules.WithConditions(configure?.Invoke(conditions) ?? conditions), Diagnostics = diagnostics.ToImmutable() };
    }

    /// <summary>Every condition of the rule set: obligations' when and escalateWhen, and each ladder step's when.</summary>
    public static IEnumerable<ConditionExpression> Conditions(RuleSet rules)
    {
        foreach (var obligation in rules.Obligations)
        {
            if (obligation.When is { } when) yield return when;
            if (obligation.EscalateWhen is { } escalateWhen) yield return escalateWhen;
            foreach (var step in obligation.Ladder.Reminders) if (step.When is { } w) yield return w;
            foreach (var step in obligation.Ladder.Escalation) if (step.When is { } w) yield return w;
        }
    }
}
