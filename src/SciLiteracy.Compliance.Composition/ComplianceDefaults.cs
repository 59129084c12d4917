namespace SciLiteracy.Compliance.Composition;

/// <summary>Every default of the service, defined once (docs/deploy.md lists the keys that override them).</summary>
public static class ComplianceDefaults
{
    public const string RulesDirectory = "rules";
    public const string StateFile = "state/compliance.db";
    public const string Outbox = "outbox";
    public const string StateProvider = "sqlite";
    public const string From = "scilit@localhost";
    public const string SettingsFile = "appsettings.json";

    /// <summary>The message templates live in this folder of the rules directory.</summary>
    public static string TemplatesOf(string rulesDirectory) => Path.Combine(rulesDirectory, Rules.Loading.RuleLoader.TemplatesFolder);
}
