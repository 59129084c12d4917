using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.Rules.Loading;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Notifications;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>The real pipeline on a real SQLite file and a real pickup folder, driven by instants the test chooses.</summary>
public sealed class PipelineHarness : IDisposable
{
    public PipelineHarness() : this(yaml => yaml) { }

    /// <summary>The small rules with <paramref name="editRules"/> applied to their YAML first (e.g. a hostile unit name).</summary>
    public PipelineHarness(Func<string, string> editRules)
    {
        Rules = TestRules.WriteSmall(Temp);
        var small = Path.Combine(Rules, "small.yaml");
        File.WriteAllText(small, editRules(File.ReadAllText(small)));
        var loaded = RuleLoader.Load(Rules);
        Set = loaded.Rules ?? throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
        Planner = new Planner(Set);
        Store = TestState.Open(Temp["state/compliance.db"]);
        Pickup = new PickupFolderTransport(Temp["outbox"]);
    }

    public TempDir Temp { get; } = new();
    public string Rules { get; }
    public RuleSet Set { get; }
    public Planner Planner { get; }
    public IStateStore Store { get; }
    public PickupFolderTransport Pickup { get; }

    public IComplianceCycle Cycle(IMailTransport? transport = null, PipelineOptions? options = null) =>
        CompliancePipeline.Create(new StaticRuleSource(Set), Store, [new EmailChannel(transport ?? Pickup, (options ?? new PipelineOptions()).From)], Rules, options ?? new PipelineOptions());

    /// <summary>The moments in [from, to] a cycle has something to do (what `simulate` steps through).</summary>
    public IReadOnlyList<Instant> Moments(Instant from, Instant to) => TriggerMoments.Between(Set, Store, new PipelineOptions(), from, to);

    public Occurrence Occurrence(string obligation, string unit) => Planner.Find(new OccurrenceKey(obligation, unit, "2025"))!;

    public IReadOnlyList<PlannedNotification> Ladder(string obligation, string unit) => Planner.Notifications(Occurrence(obligation, unit));

    /// <summary>Starts the service's memory a day before the first reminder, as if it had been running since then.</summary>
    public void StartServiceBefore(Instant first) => Store.Epoch(first - Duration.FromDays(1));

    public IReadOnlyList<string> OutboxFiles() =>
        Directory.Exists(Temp["outbox"]) ? Directory.GetFiles(Temp["outbox"], "*.eml").Order(StringComparer.Ordinal).ToList() : [];

    public IReadOnlyList<LedgerRow> Rows(string obligation, string unit) =>
        Store.Ledger().Where(r => r.Key == new OccurrenceKey(obligation, unit, "2025")).ToList();

    public void Dispose() => Temp.Dispose();
}
