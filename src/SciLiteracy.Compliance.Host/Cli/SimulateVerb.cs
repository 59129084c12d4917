using System.CommandLine;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Web;
using SciLiteracy.Compliance.Notifications.Rendering;

namespace SciLiteracy.Compliance.Cli;

/// <summary>
/// `scilit simulate`: the same pipeline as `run`, on a virtual clock that visits every trigger moment of a window,
/// writing the .eml files it would send. It never touches a real state file: it works on a throw-away copy.
/// </summary>
public static class SimulateVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var from = CommonOptions.Date("--from", "First day of the window (YYYY-MM-DD, local)");
        var to = CommonOptions.Date("--to", "Last day of the window (YYYY-MM-DD, local)");
        var outbox = new Option<string>("--outbox") { Description = "Folder for the .eml files the simulation sends", Required = true };
        var state = new Option<string>("--state") { Description = "Start from this state file's submissions, extensions and progress (it is not changed)" };
        var format = CommonOptions.Format();
        var command = new Command("simulate", "Run the notification pipeline on a virtual clock over a window and write the messages as .eml files")
            { rules, from, to, outbox, state, format };
        command.SetAction(parse =>
        {
            var (start, end) = (parse.GetValue(from), parse.GetValue(to));
            var rulesDirectory = parse.GetValue(rules)!;
            if (RuleSetLoading.LoadOrReport(rulesDirectory, output) is not { } set) return 1;
            State.IStateStore? given = null;
            if (parse.GetValue(state) is { } source)
            {
                if (!File.Exists(source))
                {
                    output.Err.WriteLine($"{source}: error: no such state file");
                    return 1;
                }
                if ((given = StateVerbSupport.OpenState(source, output)) is null) return 1;
            }
            // The settings `run` reads (Smtp:From, State:Provider), so that it writes the bytes `run` would send.
            var configuration = ComplianceConfiguration.Build();
            var simulate = new SimulateWindow(set, rulesDirectory, StateProviders.For(ComplianceConfiguration.StateProvider(configuration)).Store,
                // Every item carries the signed links `run` would put in it (Web:BaseUrl, the key beside the state file).
                ComplianceConfiguration.PipelineOptions(configuration) with { Links = ActionLinks.From(configuration, Worker.WorkerSettings.From(configuration).StateFile) });
            SimulateWindow.SimulationResult result;
            try { result = simulate.Run(start, end, parse.GetValue(outbox)!, given); }
            catch (TemplateException e)
            {
                output.Err.WriteLine(e.Message);
                return 1;
            }
            if (parse.GetValue(format) == "json") output.Out.WriteLine(Json.Serialize(result));
            else WriteTimeline(result, output.Out);
            return 0;
        });
        return command;
    }

    private static void WriteTimeline(SimulateWindow.SimulationResult result, TextWriter w)
    {
        foreach (var c in result.Cycles)
        {
            w.WriteLine($"{c.At}  {c.Messages.Count} message(s){(c.Folded > 0 ? $", {c.Folded} folded" : "")}{(c.Cancelled > 0 ? $", {c.Cancelled} cancelled" : "")}");
            foreach (var m in c.Messages)
                w.WriteLine($"    → {m.To}  {string.Join(", ", m.Items.Select(i => $"{i.Kind}#{i.Step} {i.Obligation}/{i.Unit}/{i.Period}{(i.Late ? " (late)" : "")}"))}  {m.File}");
        }
        w.WriteLine($"{result.Messages} message(s) in {result.Cycles.Count} cycle(s), {result.From}..{result.To}");
    }
}
