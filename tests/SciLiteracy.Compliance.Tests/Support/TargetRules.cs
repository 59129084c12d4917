using System.Text;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using SciLiteracy.Compliance.Composition;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>
/// The small test county plus one target: 甲局 (alpha) must reach 100 by 2025-12-31 from 0 at the end of 2024, with
/// 乙局 (beta) as lead unit. A real state file and the real pipeline on a virtual clock.
/// </summary>
public sealed class TargetRules : IDisposable
{
    public const string Target = "test.target.volunteers";
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    public TargetRules()
    {
        Rules = TestRules.WriteSmall(Temp);
        File.WriteAllText(Path.Combine(Rules, "targets.yaml"), """
            version: 1
            jurisdiction: testcounty
            obligations:
              - id: test.target.volunteers
                title: 注册科技志愿者达到100名
                kind: target
                source: { file: plan.txt, clause: 二、（一）, quote: 注册科技志愿者达到100名。 }
                responsible: { units: [alpha] }
                lead: [beta]
                schedule: { once: 2025-12-31 }
                target:
                  indicator: 注册科技志愿者人数
                  baseline: { value: 0, asOf: 2024-12-31 }
                  value: 100
                  by: 2025-12-31
                  unit: 名
                  direction: increase
            """, new UTF8Encoding(false));
    }

    public TempDir Temp { get; } = new();
    public string Rules { get; }
    public string StateFile => Temp["state/compliance.db"];

    public RuleSet Load()
    {
        var loaded = RuleSetCompilation.Load(Rules);
        return loaded.Rules ?? throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
    }

    public static Instant Local(int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(2025, month, day, hour, minute).InZoneStrictly(Zone).ToInstant();

    /// <summary>Runs the pipeline over 2025 on the state file and returns every message sent, in order, with the rows it carried.</summary>
    public IReadOnlyList<(OutgoingMessage Message, IReadOnlyList<LedgerRow> Rows)> SimulateYear(IStateStore store)
    {
        var set = Load();
        var transport = new MemoryTransport();
        var cycle = CompliancePipeline.Create(new StaticRuleSource(set), store, [new EmailChannel(transport, new PipelineOptions().From)], Rules, new PipelineOptions());
        var delivered = Simulation.RunAsync(cycle, store, set, new PipelineOptions(), new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31), CancellationToken.None)
            .GetAwaiter().GetResult().SelectMany(o => o.Sent).ToList();
        var bodies = transport.Messages.ToDictionary(m => m.MessageId);
        return delivered.Select(d => (bodies[d.Message.MessageId], d.Rows)).ToList();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Temp.Dispose();
    }
}
