using System.CommandLine;
using NodaTime;
using SciLiteracy.Compliance.Worker;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;

namespace SciLiteracy.Compliance.Cli;

/// <summary>
/// `scilit simulate`: the same pipeline as `run`, on a virtual clock that visits every trigger moment of a window,
/// writing the .eml files it would send. It never touches a real state file: it works on a temporary copy.
/// </summary>
public static class SimulateVerb
{
    public sealed record SimulatedCycle(string At, IReadOnlyList<SimulatedMessage> Messages, int Folded, int Cancelled);

    public sealed record SimulatedMessage(string File, string MessageId, string To, string Subject, IReadOnlyList<SimulatedItem> Items);

    public sealed record SimulatedItem(string Obligation, string Unit, string Period, string Kind, int Step, bool Late);

    public sealed record SimulationResult(string From, string To, int Messages, IReadOnlyList<SimulatedCycle> Cycles);

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
            if (start > end)
            {
                output.Err.WriteLine($"error: --from {start:uuuu-MM-dd} is after --to {end:uuuu-MM-dd}");
                return 1;
            }
            var rulesDirectory = parse.GetValue(rules)!;
            if (RuleSetLoading.LoadOrReport(rulesDirectory, output) is not { } set) return 1;
            var scratch = Path.Combine(Path.GetTempPath(), "scilit-simulate-" + Guid.NewGuid().ToString("N"));
            try
            {
                var store = new SqliteStateStore(Path.Combine(scratch, "state.db"), durable: false);
                if (parse.GetValue(state) is { } source)
                {
                    if (!File.Exists(source))
                    {
                        output.Err.WriteLine($"{source}: error: no such state file");
                        return 1;
                    }
                    if (StateVerbSupport.OpenState(source, output) is not { } given) return 1;
                    foreach (var s in given.Submissions().Values) store.Submit(s);
                    foreach (var e in given.Extensions().Values) store.Extend(e);
                    foreach (var p in given.Progress()) store.RecordProgress(p.Target, p.Unit, p.Value, p.AsOf, p.Note, p.RecordedAt);
                }
                var cycle = new ComplianceCycle(new StaticRuleSource(set), store, new PickupFolderTransport(parse.GetValue(outbox)!),
                    new MessageRenderer(Path.Combine(rulesDirectory, "templates")),
                    ServiceRegistration.PipelineOptions(WorkerHost.CreateBuilder([]).Configuration));
                var zone = set.Directories.Values.Select(d => d.Jurisdiction.TimeZone).DefaultIfEmpty(DateTimeZone.Utc).First();
                var cycles = new List<SimulatedCycle>();
                Simulation.RunAsync(cycle, store, set, start, end, o =>
                {
                    if (o.Sent.Count > 0 || o.Report.Folded > 0 || o.Cancelled > 0)
                        cycles.Add(new SimulatedCycle(Json.Iso(o.At.InZone(zone)), o.Sent.Select(ToMessage).ToList(), o.Report.Folded, o.Cancelled));
                }, CancellationToken.None).GetAwaiter().GetResult();
                var result = new SimulationResult(start.ToString("uuuu-MM-dd", null), end.ToString("uuuu-MM-dd", null),
                    cycles.Sum(c => c.Messages.Count), cycles);
                if (parse.GetValue(format) == "json") output.Out.WriteLine(Json.Serialize(result));
                else WriteTimeline(result, output.Out);
                return 0;
            }
            catch (TemplateException e)
            {
                output.Err.WriteLine(e.Message);
                return 1;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            }
        });
        return command;
    }

    private static SimulatedMessage ToMessage(DeliveredMessage d) => new(
        d.Message.FileName, d.Message.MessageId, d.Message.To, d.Message.Subject,
        d.Rows.Select(r => new SimulatedItem(r.Key.ObligationId, r.Key.UnitId, r.Key.Period, r.Kind, r.Step, r.Late)).ToList());

    private static void WriteTimeline(SimulationResult result, TextWriter w)
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
