using System.CommandLine;
using SciLiteracy.Compliance.Composition;
using NodaTime;
using NodaTime.Text;

namespace SciLiteracy.Compliance.Cli;

/// <summary>Options that several verbs share, defined once.</summary>
public static class CommonOptions
{
    public static Option<string> Rules() => new("--rules")
    {
        Description = "Directory of rule files",
        DefaultValueFactory = _ => ComplianceDefaults.RulesDirectory,
    };

    public static Option<string> State() => new("--state")
    {
        Description = "State file (State:Provider sqlite): submissions, extensions, acknowledgements, requests and the notification ledger",
        DefaultValueFactory = _ => ComplianceDefaults.StateFile,
    };

    public static Option<string> Format() => new Option<string>("--format")
    {
        Description = "Output format: table or json",
        DefaultValueFactory = _ => "table",
    }.AcceptOnlyFromAmong("table", "json");

    public static Option<LocalDate> Date(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            var parsed = LocalDatePattern.Iso.Parse(text);
            if (parsed.Success) return parsed.Value;
            result.AddError($"{name}: '{text}' is not a date; expected YYYY-MM-DD");
            return default;
        },
    };
}
