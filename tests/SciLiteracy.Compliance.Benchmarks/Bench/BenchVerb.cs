using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Cli;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Bench;

/// <summary>
/// `scilit bench`: whole-process figures over a generated province-scale rule set
/// (docs/benchmarks.md says which command reproduces which figure).
/// </summary>
public static class BenchVerb
{
    public static Command Create(CliOutput output)
    {
        var work = new Option<string>("--work") { Description = "Folder for the generated rule set", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "scilit-bench") };
        var jurisdictions = new Option<int>("--jurisdictions") { DefaultValueFactory = _ => ProvinceRuleSet.Province.Jurisdictions };
        var units = new Option<int>("--units") { DefaultValueFactory = _ => ProvinceRuleSet.Province.UnitsPerJurisdiction };
        var obligations = new Option<int>("--obligations") { DefaultValueFactory = _ => ProvinceRuleSet.Province.ObligationsPerJurisdiction };
        var at = new Option<string>("--at") { Description = "The instant of the evaluation pass (local date)", DefaultValueFactory = _ => "2025-12-22" };
        var templates = new Option<string>("--templates") { Description = "Message templates for the pipeline figures", DefaultValueFactory = _ => ComplianceDefaults.TemplatesOf(ComplianceDefaults.RulesDirectory) };
        var pipeline = new Option<bool>("--pipeline") { Description = "Also simulate the year through the real pipeline, time one pass against its ledger, and ledger writes" };
        var cluster = new Option<bool>("--cluster") { Description = "Also time one busy pass on PostgreSQL by 1 and by 3 workers (a throwaway server from Debian's postgresql)" };
        var runSeconds = new Option<int>("--run-seconds") { Description = "Also run `scilit run` on the set this long (virtual clock) and report its peak memory", DefaultValueFactory = _ => 0 };
        var command = new Command("bench", "Measure load, validation and one evaluation pass over a generated province-scale rule set")
            { work, jurisdictions, units, obligations, at, templates, pipeline, cluster, runSeconds };
        command.SetAction(parse =>
        {
            var shape = ProvinceRuleSet.Province with
            {
                Jurisdictions = parse.GetValue(jurisdictions),
                UnitsPerJurisdiction = parse.GetValue(units),
                ObligationsPerJurisdiction = parse.GetValue(obligations),
            };
            var rulesDirectory = Path.Combine(parse.GetValue(work)!, "rules");
            if (Directory.Exists(rulesDirectory)) Directory.Delete(rulesDirectory, recursive: true);
            ProvinceRuleSet.Write(rulesDirectory, shape);
            ProvinceRuleSet.CopyTemplates(parse.GetValue(templates)!, ComplianceDefaults.TemplatesOf(rulesDirectory));

            var clock = Stopwatch.StartNew();
            var loaded = Expressions.RuleSetCompilation.Load(rulesDirectory);
            var loadSeconds = clock.Elapsed.TotalSeconds;
            if (loaded.Rules is not { } set)
            {
                foreach (var d in loaded.Errors.Take(20)) output.Err.WriteLine(d);
                return 1;
            }
            var day = NodaTime.Text.LocalDatePattern.Iso.Parse(parse.GetValue(at)!).GetValueOrThrow();
            var planner = new Planner(set);
            clock.Restart();
            var year = planner.Occurrences(new LocalDate(day.Year, 1, 1), new LocalDate(day.Year, 12, 31)).Count();
            var occurrencesSeconds = clock.Elapsed.TotalSeconds;

            // One evaluation pass: every occurrence open at the instant, and which of its steps are due by then.
            clock.Restart();
            var now = day.At(new LocalTime(9, 0)).InZoneLeniently(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToInstant();
            var due = 0;
            foreach (var occurrence in planner.Occurrences(day.PlusDays(-60), day.PlusDays(60)))
                due += planner.Notifications(occurrence).Count(n => n.SendAt.ToInstant() <= now);
            var passSeconds = clock.Elapsed.TotalSeconds;

            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"bench: {set.Directories.Count} jurisdictions, {set.Directories.Values.Sum(d => d.Units.Count())} units, {set.Obligations.Length} obligations, {year} occurrences in {day.Year}; " +
                $"load+validate+compile {loadSeconds:F2} s; occurrences of a year {occurrencesSeconds:F2} s; planner-only pass at {day:uuuu-MM-dd} 09:00 {passSeconds:F2} s ({due} steps due); peak working set {peak:F0} MiB"));

            var scratch = Path.Combine(parse.GetValue(work)!, "state");
            if (Directory.Exists(scratch)) Directory.Delete(scratch, recursive: true);
            Directory.CreateDirectory(scratch);
            if (parse.GetValue(pipeline))
            {
                var f = PipelineBench.MeasureAsync(set, rulesDirectory, scratch, day, new LocalTime(9, 0)).GetAwaiter().GetResult();
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bench: simulated year {day.Year} {f.SimulatedSeconds:F1} s ({f.Cycles} cycles, {f.MessagesSimulated} messages, {f.LedgerRows} ledger rows); " +
                    $"pipeline pass at {day:uuuu-MM-dd} 09:00 {f.PassSeconds:F2} s ({f.PassNewRows} new pending rows, {f.PassMessages} messages); " +
                    $"re-plan of every open occurrence at that instant (no planned-until mark) {f.ReplanSeconds:F2} s ({f.ReplanTracked} open occurrences, nothing new); " +
                    $"ledger inserts {f.LedgerRowsPerSecond:F0} rows/s (durable, batches of 1000)"));
            }
            if (parse.GetValue(cluster))
                foreach (var f in ClusterBench.MeasureAsync(set, rulesDirectory, day, new LocalTime(9, 0), [1, 3]).GetAwaiter().GetResult())
                    output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"bench: busy pass at {day:uuuu-MM-dd} 09:00 on PostgreSQL with {f.Workers} worker(s): {f.Seconds:F2} s, {f.Messages} messages, {f.Duplicates} sent twice"));
            if (parse.GetValue(runSeconds) is > 0 and var seconds)
            {
                var (peakKib, exit) = RunMemory.Measure(rulesDirectory, scratch, day, TimeSpan.FromSeconds(seconds));
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"bench: scilit run for {seconds} s from {day.PlusDays(-30):uuuu-MM-dd} at 1 day/s: peak RSS (VmHWM) {peakKib / 1024.0:F0} MiB; {exit}"));
            }
            return 0;
        });
        return command;
    }
}
