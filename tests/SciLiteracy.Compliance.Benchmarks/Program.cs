using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Expressions.Facts;

// `evaluate`: 1,000,000 evaluations, compiled condition beside the same condition as a hand-written lambda (BenchmarkDotNet).
// `compile`: wall time of new scilit processes: no work, 1,000 expressions cold, 1,000 from the on-disk cache.
switch (args.FirstOrDefault())
{
    // `bench` and `bench-expressions`: the whole-process figures over a generated province-scale rule set (docs/benchmarks.md).
    case "bench" or "bench-expressions":
        var output = new SciLiteracy.Compliance.Cli.CliOutput(Console.Out, Console.Error) { Clock = NodaTime.SystemClock.Instance };
        var root = new System.CommandLine.RootCommand("scilit benchmarks") { SciLiteracy.Compliance.Bench.BenchVerb.Create(output), SciLiteracy.Compliance.Bench.BenchExpressionsVerb.Create(output) };
        return root.Parse(args).Invoke();
    case "compile":
        CompileTimes.Run(args.Skip(1).FirstOrDefault() ?? "1000");
        break;
    default:
        BenchmarkRunner.Run<EvaluationBenchmarks>(
            DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)), args.Skip(1).ToArray());
        break;
}
return 0;

/// <summary>One million evaluations of a typical condition, compiled vs hand-written.</summary>
public class EvaluationBenchmarks
{
    private const int Evaluations = 1_000_000;
    private const string Condition = "unit.Kind == \"member\" && occurrence.DaysOverdue > 5 && now.Year >= 2025";
    private ConditionFunction compiled = null!;
    private ConditionFunction handWritten = null!;
    private readonly OccurrenceFacts occurrence = new("xunwu.yearly-report", "2025", new Date(2025, 12, 19), 0, 9, false, false);
    // Facts strings are built at run time (unit kinds are lower-cased enum names), never the interned literal itself.
    private readonly UnitFacts unit = new("jiaoketi", "县教科体局", new string("member".AsSpan()), new IdList([]));
    private readonly Date now = new(2025, 12, 28);

    [GlobalSetup]
    public void Setup()
    {
        var condition = new ConditionExpression(Condition, new SourceSpan("bench.yaml", 1, 11));
        var result = ConditionCompiler.Compile([condition]);
        if (result.HasErrors) throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        compiled = result.Functions[condition];
        handWritten = (o, u, t, n) => u.Kind == "member" && o.DaysOverdue > 5 && n.Year >= 2025;
    }

    // Two identical loops, not one shared: dynamic PGO would otherwise specialise a shared loop for whichever delegate ran first.
    [Benchmark(Baseline = true, OperationsPerInvoke = Evaluations)]
    public int HandWrittenLambda()
    {
        var held = 0;
        for (var i = 0; i < Evaluations; i++)
            if (handWritten(occurrence, unit, null!, now)) held++;
        return held;
    }

    [Benchmark(OperationsPerInvoke = Evaluations)]
    public int CompiledCondition()
    {
        var held = 0;
        for (var i = 0; i < Evaluations; i++)
            if (compiled(occurrence, unit, null!, now)) held++;
        return held;
    }
}

/// <summary>Wall time of fresh processes, as a service restart sees it.</summary>
public static class CompileTimes
{
    public static void Run(string count)
    {
        var scilit = Path.Combine(AppContext.BaseDirectory, "scilit.dll");
        var cache = Path.Combine(Path.GetTempPath(), "scilit-bench-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            var baseline = Median(() => Launch(scilit, "--count", "0"));
            var cold = Median(() => { if (Directory.Exists(cache)) Directory.Delete(cache, true); return Launch(scilit, "--count", count, "--cache", cache); });
            Launch(scilit, "--count", count, "--cache", cache);
            var warm = Median(() => Launch(scilit, "--count", count, "--cache", cache));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process, no expressions (baseline): {baseline:F0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process, {count} expressions cold:   {cold:F0} ms (ratio {cold / baseline:F2}, compile alone {cold - baseline:F0} ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process, {count} expressions cached: {warm:F0} ms (ratio {warm / baseline:F2}, load alone {warm - baseline:F0} ms)"));
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, true);
        }
    }

    private static double Median(Func<double> measure)
    {
        var times = Enumerable.Range(0, 5).Select(_ => measure()).Order().ToList();
        return times[times.Count / 2];
    }

    private static double Launch(string scilit, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(scilit);
        start.ArgumentList.Add("bench-expressions");
        foreach (var a in args) start.ArgumentList.Add(a);
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        stopwatch.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scilit bench-expressions failed: {process.StandardError.ReadToEnd()}");
        Console.Error.WriteLine($"  {string.Join(' ', args)}: {output.Trim()} ({stopwatch.ElapsedMilliseconds} ms wall)");
        return stopwatch.Elapsed.TotalMilliseconds;
    }
}
