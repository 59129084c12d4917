using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SciLiteracy.Compliance.Worker;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Tests.Worker;

/// <summary>The worker as `run` builds it: one state store for ledger and progress, conditions over it, compiled in memory only.</summary>
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
    public async Task RunConditionsSeeRecordedProgressAndACodeFilePlantedInTheOldCacheFolderNeverRuns()
    {
        // A reminder only for units behind pace: the compiled condition must read the worker's state file.
        File.AppendAllText(Path.Combine(rules.Rules, "targets.yaml"), """

                reminders:
                  - before: 30d
                    to: [unit.liaison]
                    when: "target.HasProgress && target.Pace < 0.9"

            """, new UTF8Encoding(false));
        // Where earlier versions loaded compiled conditions from without any check.
        var cache = rules.Temp["state/conditions-cache"];
        var marker = rules.Temp["planted-code-ran"];
        var planted = PlantedAssembly.Write(Path.Combine(cache, "conditions-planted.dll"), marker);
        foreach (var name in new[] { "conditions-0.dll", "RuleConditions.dll" }) File.Copy(planted, Path.Combine(cache, name));

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
        using (var again = WorkerHost.Build(WorkerHost.CreateBuilder(Settings()), (s, c, w) => s.AddCompliancePipeline(c, w)))
            Assert.NotNull(again);

        Assert.False(File.Exists(marker), "code planted in the conditions-cache folder ran in the worker");
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => !a.IsDynamic && a.Location.StartsWith(cache, StringComparison.Ordinal));
        // Nothing compiled is written anywhere beside the state file either.
        Assert.Equal(3, Directory.GetFiles(cache).Length);
        Assert.Empty(Directory.GetFiles(rules.Temp["state"], "*.dll", SearchOption.TopDirectoryOnly));

        // The planted file is real code: loaded on purpose, it does run (so the assertion above can fail).
        PlantedAssembly.Run(planted);
        Assert.True(File.Exists(marker));
    }
}
