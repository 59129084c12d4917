using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>
/// Drives the real pipeline on a virtual clock: the cycle runs at every trigger moment of a window, in
/// order, exactly as the worker's triggers would run it. `simulate` and `test-rules` both use this.
/// </summary>
public static class Simulation
{
    /// <summary>The window's first and last instants: from the start of its first local day to the end of its last, over every zone in the rules.</summary>
    public static (Instant Start, Instant End) Window(RuleSet rules, LocalDate from, LocalDate to)
    {
        var zones = rules.Directories.Values.Select(d => d.Jurisdiction.TimeZone).DefaultIfEmpty(DateTimeZone.Utc).ToList();
        return (zones.Min(z => from.AtStartOfDayInZone(z).ToInstant()),
                zones.Max(z => to.PlusDays(1).AtStartOfDayInZone(z).ToInstant()) - Duration.Epsilon);
    }

    /// <summary>Runs every cycle of the window on a fresh state (its epoch is the window's start) and returns each outcome.</summary>
    public static async Task<IReadOnlyList<CycleOutcome>> RunAsync(IComplianceCycle cycle, IStateStore store, RuleSet rules, PipelineOptions options,
        LocalDate from, LocalDate to, CancellationToken cancellationToken)
    {
        var outcomes = new List<CycleOutcome>();
        await RunAsync(cycle, store, rules, options, from, to, outcomes.Add, cancellationToken);
        return outcomes;
    }

    /// <summary>
    /// The same, handing each outcome to <paramref name="onCycle"/> as it happens and keeping none: a year of a province is
    /// hundreds of thousands of rendered messages. Returns the number of cycles.
    /// </summary>
    public static async Task<int> RunAsync(IComplianceCycle cycle, IStateStore store, RuleSet rules, PipelineOptions options,
        LocalDate from, LocalDate to, Action<CycleOutcome> onCycle, CancellationToken cancellationToken)
    {
        var (start, end) = Window(rules, from, to);
        store.Epoch(start);
        var cycles = 0;
        foreach (var moment in TriggerMoments.Between(rules, store, options, start, end))
        {
            onCycle(await cycle.RunAsync(moment, cancellationToken));
            cycles++;
        }
        return cycles;
    }
}
