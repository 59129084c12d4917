using System.CommandLine;

namespace SciLiteracy.Compliance.Cli;

/// <summary>Every verb of scilit; each lives in its own file.</summary>
public static class Verbs
{
    public static IEnumerable<Command> All(CliOutput output) =>
    [
        RunVerb.Create(output),
        ValidateVerb.Create(output),
        RolloverVerb.Create(output),
        PlanVerb.Create(output),
        SubmitVerb.Create(output),
        ExtendVerb.Create(output),
        StatusVerb.Create(output),
        HealthVerb.Create(output),
        RetryVerb.Create(output),
        SimulateVerb.Create(output),
        CatalogVerb.Create(output),
        TestRulesVerb.Create(output),
        ProgressVerb.Create(output),
        MigrateVerb.Create(output),
        LinkVerb.Create(output),
        HashPasswordVerb.Create(output),
        AckVerb.Create(output),
        RequestsVerb.Create(output),
        ReopenVerb.Create(output),
        ReportVerb.Create(output),
    ];
}
