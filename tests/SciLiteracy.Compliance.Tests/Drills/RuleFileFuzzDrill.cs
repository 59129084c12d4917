using System.Diagnostics;
using System.Globalization;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>
/// Bad input drill (issue 7), and the property of issue 2: seeded random mutations of the shipped rule
/// files never crash, hang or print a stack trace, and every rejected file gets a path:line:col error.
/// SCILIT_FUZZ_MUTATIONS and SCILIT_FUZZ_SEED change the count and the seed; the same seed gives the same run.
/// </summary>
public class RuleFileFuzzDrill
{
    private static readonly TimeSpan PerLoadLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Ten_thousand_mutations_of_the_shipped_rules_never_crash_hang_or_lose_their_position()
    {
        var mutations = int.Parse(Environment.GetEnvironmentVariable("SCILIT_FUZZ_MUTATIONS") ?? "10000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("SCILIT_FUZZ_SEED") ?? "20261122", CultureInfo.InvariantCulture);
        var packs = Directory.GetDirectories(Repo.Path("rules")).Where(d => Directory.EnumerateFiles(d, "*.yaml").Any()).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(seed);
        using var temp = new TempDir();
        var copies = packs.Select(p => temp.CopyFromRepo(Path.Combine("rules", Path.GetFileName(p)), Path.GetFileName(p))).ToArray();
        var rejected = 0;
        var slowest = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < mutations; i++)
        {
            var pack = copies[random.Next(copies.Length)];
            var files = Directory.GetFiles(pack, "*.yaml").Order(StringComparer.Ordinal).ToArray();
            var target = files[random.Next(files.Length)];
            var original = await File.ReadAllBytesAsync(target);
            await File.WriteAllBytesAsync(target, Corruption.Mutate(original, random));
            try
            {
                var started = clock.Elapsed;
                var load = Task.Run(() => RuleLoader.Load(pack));
                Assert.True(await Task.WhenAny(load, Task.Delay(PerLoadLimit)) == load, $"mutation {i} (seed {seed}) of {target} hung");
                var result = await load;
                if (clock.Elapsed - started > slowest) slowest = clock.Elapsed - started;
                if (result.Rules is null)
                {
                    rejected++;
                    Assert.NotEmpty(result.Errors);
                }
                foreach (var d in result.Diagnostics)
                {
                    Assert.StartsWith(pack + "/", d.Location.Path);
                    Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, d.ToString());
                    Assert.DoesNotContain("   at ", d.Message);
                }
            }
            finally
            {
                await File.WriteAllBytesAsync(target, original);
            }
        }

        DrillReport.Write(string.Create(CultureInfo.InvariantCulture,
            $"fuzz: {mutations} mutations (seed {seed}) of {copies.Length} packs, {rejected} rejected with positions, {mutations - rejected} still valid, 0 crashes, 0 hangs, slowest load {slowest.TotalMilliseconds:F0} ms, {clock.Elapsed.TotalSeconds:F1} s"));
        // The mutations must exercise the error paths, or the drill says nothing.
        Assert.True(rejected > mutations / 4, $"only {rejected} of {mutations} mutations were rejected");
    }
}
