using SciLiteracy.Compliance.Domain;

namespace SciLiteracy.Compliance.Notifications;

/// <summary>The rules in force: the last set that passed validation. Reloads never replace it with a broken one.</summary>
public interface IRuleSource
{
    RuleSet Current { get; }

    /// <summary>Raised after a valid new rule set replaced the current one.</summary>
    event EventHandler<RuleSet>? Changed;
}
