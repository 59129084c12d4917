using System.CommandLine;

namespace SciLiteracy.Compliance.Cli;

/// <summary>Every verb of scilit; each lives in its own file.</summary>
public static class Verbs
{
    public static IEnumerable<Command> All(CliOutput output) =>
    [
        RunVerb.Create(output),
        ValidateVerb.Create(output),
        PlanVerb.Create(output),
        SubmitVerb.Create(output),
        ExtendVerb.Create(output),
        StatusVerb.Create(output),
        SimulateVerb.Create(output),
        CatalogVerb.Create(output),
        TestRulesVerb.Create(output),
        ProgressVerb.Create(output),
        AckVerb.Create(output),
        RequestsVerb.Create(output),
        ReopenVerb.Create(output),
    ];
}
