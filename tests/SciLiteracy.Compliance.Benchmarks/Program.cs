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
// `compile`: wall time of new scilit processes: no work, 1,000 expressions cold, and a restart with unchanged rules.
// `mail [N]`: messages/s to a local SMTP server, the old transport beside MailKit and smtplib (docs/benchmarks.md).
switch (args.FirstOrDefault())
{
    case "evaluate-min":
        EvaluationMinimum.Run();
        break;
    case "mail":
        await SciLiteracy.Compliance.Benchmarks.Mail.MailThroughput.RunAsync(int.Parse(args.Skip(1).FirstOrDefault() ?? "1000", CultureInfo.InvariantCulture));
        break;
    // `bench`, `bench-expressions` and `bench-web`: the whole-process figures over a generated province-scale rule set (docs/benchmarks.md).
    case "bench" or "bench-expressions" or "bench-web":
        var output = new SciLiteracy.Compliance.Cli.CliOutput(Console.Out, Console.Error) { Clock = NodaTime.SystemClock.Instance };
        var root = new System.CommandLine.RootCommand("scilit benchmarks")
            { SciLiteracy.Compliance.Bench.BenchVerb.Create(output), SciLiteracy.Compliance.Bench.BenchExpressionsVerb.Create(output), SciLiteracy.Compliance.Bench.BenchWebVerb.Create(output) };
        return root.Parse(args).Invoke();
    case "compile":
        CompileTimes.Run(args.Skip(1).ToArray());
        break;
    default:
        BenchmarkRunner.Run<EvaluationBenchmarks>(
            DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance)), args.Skip(1).ToArray());
        break;
}
return 0;

/// <summary>
/// On a shared, loaded machine BenchmarkDotNet's means swing with the neighbours' load: this takes the fastest of 41
/// interleaved rounds of 1,000,000 evaluations each, per delegate, which load can only slow down.
/// </summary>
public static class EvaluationMinimum
{
    public static void Run()
    {
        var bench = new EvaluationBenchmarks();
        bench.Setup();
        double compiled = double.MaxValue, handWritten = double.MaxValue;
        for (var round = 0; round < 41; round++)
        {
            handWritten = Math.Min(handWritten, Time(bench.HandWrittenLambda));
            compiled = Math.Min(compiled, Time(bench.CompiledCondition));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hand-written lambda: {handWritten:F2} ns, compiled condition: {compiled:F2} ns per evaluation (ratio {compiled / handWritten:F2}, fastest of 41 rounds of 1,000,000)"));
    }

    private static double Time(Func<int> loop)
    {
        var stopwatch = Stopwatch.StartNew();
        loop();
        return stopwatch.Elapsed.TotalNanoseconds / 1_000_000;
    }
}

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

/// <summary>
/// Wall time of fresh processes, as a service restart sees it. `compile N [SCILIT_DLL [--with-cache]]`: by default the
/// scilit built beside this program; another build (e.g. /work/main's, before RulesEngine) to compare in the same run,
/// with `--with-cache` for one that still has the on-disk compiled-conditions cache.
/// </summary>
public static class CompileTimes
{
    public static void Run(string[] args)
    {
        var count = args.FirstOrDefault() ?? "1000";
        var scilit = args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(AppContext.BaseDirectory, "scilit.dll");
        var withCache = args.Contains("--with-cache");
        var cache = Path.Combine(Path.GetTempPath(), "scilit-bench-cache-" + Guid.NewGuid().ToString("N"));
        string[] Cached(params string[] a) => withCache ? [.. a, "--cache", cache] : a;
        try
        {
            Console.WriteLine($"scilit: {scilit}");
            var baseline = Median(() => Launch(scilit, "--count", "0"));
            var cold = Median(() => { if (Directory.Exists(cache)) Directory.Delete(cache, true); return Launch(scilit, Cached("--count", count)); });
            Launch(scilit, Cached("--count", count));
            var restart = Median(() => Launch(scilit, Cached("--count", count)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process, no expressions (baseline): {baseline:F0} ms"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process, {count} expressions cold:   {cold:F0} ms (ratio {cold / baseline:F2}, compile alone {cold - baseline:F0} ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process, {count} expressions, restart with unchanged rules{(withCache ? " (cache hit)" : " (no cache: compiled again)")}: {restart:F0} ms (ratio {restart / baseline:F2}, over baseline {restart - baseline:F0} ms)"));
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
