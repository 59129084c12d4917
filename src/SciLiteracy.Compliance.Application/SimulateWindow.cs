using NodaTime;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>
/// `simulate`: the same pipeline as `run`, on a virtual clock that visits every trigger moment of a window, writing the
/// messages it would send into a pickup folder. It never touches a real state: it works on a throw-away store seeded
/// with the given state's submissions, extensions and progress.
/// </summary>
public sealed class SimulateWindow(RuleSet rules, string rulesDirectory, IStateStoreProvider provider, PipelineOptions options)
{
    public sealed record SimulatedCycle(string At, IReadOnlyList<SimulatedMessage> Messages, int Folded, int Cancelled);

    public sealed record SimulatedMessage(string File, string MessageId, string To, string Subject, IReadOnlyList<SimulatedItem> Items);

    public sealed record SimulatedItem(string Obligation, string Unit, string Period, string Kind, int Step, bool Late);

    public sealed record SimulationResult(string From, string To, int Messages, IReadOnlyList<SimulatedCycle> Cycles);

    public SimulationResult Run(LocalDate from, LocalDate to, string outbox, IStateStore? given)
    {
        if (from > to) throw new UseCaseException($"error: --from {from:uuuu-MM-dd} is after --to {to:uuuu-MM-dd}");
        using var scratch = provider.OpenScratch();
        var store = scratch.Store;
        if (given is not null)
        {
            foreach (var s in given.Submissions().Values) store.Submit(s);
            foreach (var e in given.Extensions().Values) store.Extend(e);
            foreach (var a in given.Acknowledgements().Values) store.Acknowledge(a);
            foreach (var p in given.Progress()) store.RecordProgress(p.Target, p.Unit, p.Value, p.AsOf, p.Note, p.RecordedAt);
        }
        var cycle = CompliancePipeline.Create(new StaticRuleSource(rules), store, [new EmailChannel(new PickupFolderTransport(outbox), options.From)], rulesDirectory, options);
        var zone = rules.Directories.Values.Select(d => d.Jurisdiction.TimeZone).DefaultIfEmpty(DateTimeZone.Utc).First();
        var cycles = new List<SimulatedCycle>();
        Simulation.RunAsync(cycle, store, rules, options, from, to, o =>
        {
            if (o.Sent.Count > 0 || o.Report.Folded > 0 || o.Cancelled > 0)
                cycles.Add(new SimulatedCycle(Iso.Of(o.At.InZone(zone)), o.Sent.Select(ToMessage).ToList(), o.Report.Folded, o.Cancelled));
        }, CancellationToken.None).GetAwaiter().GetResult();
        return new SimulationResult(Iso.Of(from), Iso.Of(to), cycles.Sum(c => c.Messages.Count), cycles);
    }

    private static SimulatedMessage ToMessage(DeliveredMessage d) => new(
        d.Message.FileName, d.Message.MessageId, d.Message.To, d.Message.Subject,
        d.Rows.Select(r => new SimulatedItem(r.Key.ObligationId, r.Key.UnitId, r.Key.Period, r.Kind, r.Step, r.Late)).ToList());
}
