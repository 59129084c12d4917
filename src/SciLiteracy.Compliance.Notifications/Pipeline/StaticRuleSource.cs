using SciLiteracy.Compliance.Domain;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>A rule source that never changes: for the CLI verbs and simulate, which load the rules once.</summary>
public sealed class StaticRuleSource(RuleSet rules) : IRuleSource
{
    public RuleSet Current => rules;
    public event EventHandler<RuleSet>? Changed { add { } remove { } }
}
