using System.Globalization;
using System.Text.Json;
using SciLiteracy.Compliance.Storage;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace SciLiteracy.Compliance.Tests.Host;

/// <summary>
/// Acceptance of the service (issue 3): the worker as `run` builds it, its Quartz triggers fired by the scheduler on a
/// clock the test moves, sends what `plan` shows at the planned moments, and exactly what `simulate` writes.
/// </summary>
public sealed class RunMatchesSimulateTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private const string YearlyReport = "xunwu.yearly-report";

    // Not a divisor of a day: the safety evaluations land at every hour of the day over the weeks, once also on 09:00
    // together with the send window, and must change nothing that is sent.
    private const string SafetyInterval = "1.07:00:00";

    /// <summary>The Xunwu pack with its templates and the mainland working-day calendar, as a deployment has it.</summary>
    private static string XunwuRules(TempDir temp)
    {
        var rules = TestRules.CopyXunwu(temp);
        temp.CopyFromRepo(Path.Combine("rules", "calendars"), Path.Combine("rules", "calendars"));
        return rules;
    }

    private static Dictionary<string, string?> WorkerSettings(TempDir temp, string rules, Dictionary<string, string?> mail) => new(mail)
    {
        ["Compliance:RulesDirectory"] = rules,
        ["Compliance:StateFile"] = temp["state/compliance.db"],
        ["Compliance:SafetyInterval"] = SafetyInterval,
        ["Compliance:RulesPollInterval"] = "00:01:00",
        // The file log keeps everything; the console only what an operator must see.
        ["Serilog:WriteTo:0:Args:restrictedToMinimumLevel"] = "Warning",
        ["Serilog:WriteTo:1:Args:path"] = temp["logs/scilit-.log"],
    };

    private static DateTimeOffset LocalMidnight(int year, int month, int day) => new(year, month, day, 0, 0, 0, Shanghai);

    [Fact]
    public async Task Run_driven_by_its_own_triggers_writes_exactly_the_eml_files_simulate_writes_over_the_same_window()
    {
        using var temp = new TempDir();
        var rules = XunwuRules(temp);
        var runOutbox = temp["run-outbox"];
        var simulateOutbox = temp["simulate-outbox"];

        // simulate's window runs from the start of 2024-11-01 to the end of 2026-01-31 in Xunwu's time; the worker
        // starts at that first instant (its first evaluation is the state file's epoch, as simulate's is).
        await using (var worker = await DrivenWorker.StartAsync(
                         WorkerSettings(temp, rules, new() { ["Smtp:Host"] = "", ["Compliance:Outbox"] = runOutbox }), LocalMidnight(2024, 11, 1)))
        {
            await worker.RunUntilAsync(LocalMidnight(2026, 2, 1).AddTicks(-1));
            output.WriteLine($"{worker.Firings.Count} evaluations: " + string.Join(", ",
                worker.Firings.GroupBy(f => f.Trigger).Select(g => $"{g.Count()} by {g.Key}")));
            Assert.Contains(worker.Firings, f => f.Trigger == "safety" && worker.Firings.Count(g => g.At == f.At) == 2);
        }
        var simulate = Support.ScilitProcess.Run(temp.Path, "simulate", "--rules", rules, "--from", "2024-11-01", "--to", "2026-01-31", "--outbox", simulateOutbox);
        Assert.True(simulate.ExitCode == 0, simulate.Stderr);

        var ran = FilesIn(runOutbox);
        var simulated = FilesIn(simulateOutbox);
        output.WriteLine($"run wrote {ran.Count} file(s), simulate {simulated.Count}");
        Assert.NotEmpty(simulated);
        Assert.Equal(simulated, ran);
        var differing = ran.Where(f => !File.ReadAllBytes(Path.Combine(runOutbox, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(simulateOutbox, f)))).ToList();
        Assert.True(differing.Count == 0, $"{differing.Count} file(s) differ, e.g. {differing.FirstOrDefault()}");
    }

    private static List<string> FilesIn(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList() : [];
}
