using SciLiteracy.Compliance.Domain;
using Xunit;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Tests.Worker;

/// <summary>Rule edits while `scilit run` is running: a broken edit changes nothing and is logged; the fix applies without restart.</summary>
public sealed class RuleReloadTests
{
    private static readonly TimeSpan PickUp = TimeSpan.FromSeconds(10);

    private static LocalDate DueIn2025(IRuleSource rules) =>
        new Planner(rules.Current).Occurrences(new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31)).First(o => o.Obligation.Id == "xunwu.yearly-report").Due.Date;

    [Fact]
    public async Task BrokenEditKeepsTheLastGoodRulesAndTheFixIsPickedUpWithoutRestart()
    {
        using var sandbox = new WorkerSandbox();
        using var host = sandbox.StartWorker(new RecordingCycle());
        var rules = host.Services.GetRequiredService<IRuleSource>();
        var changes = new List<RuleSet>();
        rules.Changed += (_, set) => { lock (changes) changes.Add(set); };
        var original = rules.Current;
        var originalDue = DueIn2025(rules);
        try
        {
            sandbox.Edit(sandbox.ObligationsFile, "yearly: \"12-20\"", "yearly: \"12-40\"");
            // What `validate` prints for the broken directory, line for line.
            var expected = RuleLoader.Load(sandbox.RulesDirectory).Errors.Select(d => d.ToString()).ToList();
            Assert.NotEmpty(expected);
            Assert.Contains(expected, line => line.StartsWith(sandbox.ObligationsFile + ":", StringComparison.Ordinal));

            Assert.True(await WorkerSandbox.WaitUntil(() => expected.All(sandbox.ReadLog().Contains), PickUp),
                "the broken edit's diagnostics are not in the log:\n" + sandbox.ReadLog());
            Assert.Same(original, rules.Current);
            Assert.Empty(changes);

            sandbox.Edit(sandbox.ObligationsFile, "yearly: \"12-40\"", "yearly: \"12-10\"");

            Assert.True(await WorkerSandbox.WaitUntil(() => !ReferenceEquals(original, rules.Current), PickUp), "the fix was not picked up");
            Assert.Equal(new LocalDate(2025, 12, 19), originalDue); // 12-20 is a Saturday: the previous workday
            Assert.Equal(new LocalDate(2025, 12, 10), DueIn2025(rules));
            Assert.True(await WorkerSandbox.WaitUntil(() => sandbox.ReadLog().Contains("now in force"), PickUp), "no reload summary in the log");
            // Changed is raised after the reload is logged, to every subscriber in turn: wait for ours.
            Assert.True(await WorkerSandbox.WaitUntil(() => { lock (changes) return changes.Count > 0; }, PickUp), "Changed was not raised");
            lock (changes) Assert.Same(rules.Current, Assert.Single(changes));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
