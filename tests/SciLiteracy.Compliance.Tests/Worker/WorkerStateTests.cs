using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SciLiteracy.Compliance.Worker;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;
using Xunit;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Tests.Worker;

/// <summary>The worker as `run` builds it: one state store for ledger and progress, conditions over it, compiled once into a cache.</summary>
public sealed class WorkerStateTests : IDisposable
{
    private readonly TargetRules rules = new();

    public void Dispose() => rules.Dispose();

    private Dictionary<string, string?> Settings() => new()
    {
        ["Compliance:RulesDirectory"] = rules.Rules,
        ["Compliance:StateFile"] = rules.StateFile,
        ["Compliance:Outbox"] = rules.Temp["outbox"],
        ["Serilog:WriteTo:1:Args:path"] = rules.Temp["logs/scilit-.log"],
    };

    [Fact]
    public async Task RunConditionsSeeRecordedProgressAndAreCompiledOnceIntoTheCacheBesideTheState()
    {
        // A reminder only for units behind pace: the compiled condition must read the worker's state file.
        File.AppendAllText(Path.Combine(rules.Rules, "targets.yaml"), """

                reminders:
                  - before: 30d
                    to: [unit.liaison]
                    when: "target.HasProgress && target.Pace < 0.9"

            """, new UTF8Encoding(false));
        var cache = rules.Temp["state/conditions-cache"];

        using (var host = WorkerHost.Build(WorkerHost.CreateBuilder(Settings()), (s, c, w) => s.AddCompliancePipeline(c, w)))
        {
            Assert.NotNull(host);
            var store = host.Services.GetRequiredService<IStateStore>();
            var cycle = host.Services.GetRequiredService<IComplianceCycle>();
            store.Epoch(TargetRules.Local(11, 1, 0));
            store.RecordProgress(TargetRules.Target, "alpha", 40, new LocalDate(2025, 10, 31), null, TargetRules.Local(11, 1, 12));
            // 30 days before 12-31: Monday 12-01 at 09:00. 40 of ~83 expected on 10-31: behind.
            var outcome = await cycle.RunAsync(TargetRules.Local(12, 1, 9), CancellationToken.None);
            Assert.Contains(outcome.Sent.SelectMany(m => m.Rows), r => r.Kind == NotificationKinds.Remind && r.Key.ObligationId == TargetRules.Target);
        }
        var compiled = Assert.Single(Directory.GetFiles(cache, "*.dll"));
        var written = File.GetLastWriteTimeUtc(compiled);

        using (var again = WorkerHost.Build(WorkerHost.CreateBuilder(Settings()), (s, c, w) => s.AddCompliancePipeline(c, w)))
            Assert.NotNull(again);

        Assert.Equal(compiled, Assert.Single(Directory.GetFiles(cache, "*.dll")));
        Assert.Equal(written, File.GetLastWriteTimeUtc(compiled)); // unchanged rules: reused, not compiled again
    }
}
