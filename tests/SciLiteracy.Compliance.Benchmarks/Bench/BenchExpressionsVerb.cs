using SciLiteracy.Compliance.Cli;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Expressions;

namespace SciLiteracy.Compliance.Bench;

/// <summary>
/// Hidden `scilit bench-expressions`: compiles N generated conditions in this (fresh) process and prints the time,
/// so that benchmarks can measure a cold compile (there is no code cache: a restart compiles again) (docs/benchmarks.md).
/// </summary>
public static class BenchExpressionsVerb
{
    public static Command Create(CliOutput output)
    {
        var count = new Option<int>("--count") { Description = "Number of distinct expressions", DefaultValueFactory = _ => 1000 };
        var command = new Command("bench-expressions", "Time compiling N rule conditions in a new process") { count };
        command.Hidden = true;
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            var stopwatch = Stopwatch.StartNew();
            var compiled = ConditionCompiler.Compile(Generate(n));
            stopwatch.Stop();
            if (compiled.HasErrors)
            {
                foreach (var d in compiled.Diagnostics) output.Err.WriteLine(d);
                return 1;
            }
            output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"compiled {compiled.Functions.Count} expression(s) in {stopwatch.Elapsed.TotalMilliseconds:F0} ms"));
            return 0;
        });
        return command;
    }

    /// <summary>Distinct conditions of the shapes rule authors write: unit filters, overdue thresholds, target pace.</summary>
    public static IEnumerable<ConditionExpression> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var text = (i % 4) switch
            {
                0 => $"unit.Kind == \"member\" && occurrence.DaysOverdue > {i % 30}",
                1 => $"unit.Id.StartsWith(\"k\") || occurrence.DaysLeft < {i % 60 + 1}",
                2 => $"Math.Max(occurrence.DaysOverdue, {i % 7}) >= 3 && now.Year >= {2000 + i % 30}",
                _ => $"Days(occurrence.Due, now) > {i % 15} ? unit.LeadUnits.Count > 0 : occurrence.Period != \"{i}\"",
            };
            yield return new ConditionExpression(text, new SourceSpan("bench.yaml", i + 1, 11));
        }
    }
}
