using System.Text;
using SciLiteracy.Compliance.Rules.Loading;
using SciLiteracy.Compliance.Tests.Support;

namespace SciLiteracy.Compliance.Tests.Rules;

/// <summary>
/// Property: whatever a random corruption does to a valid rule file, loading it ends quickly with
/// either a rule set or errors that point into the file — never an exception, never a hang.
/// </summary>
public class CorruptionPropertyTests
{
    private const int Mutations = 400;
    private static readonly TimeSpan PerLoadLimit = TimeSpan.FromSeconds(20);

    private static readonly string[] Fragments =
        [":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!int ", "\"", "'", "#", "\t", "\n", "  ", "---\n", "? ", "|\n", ">\n", "%YAML 1.2\n", "\0", "\uFFFF", "🙂", "12-32", "0wd", "-1d", "version: 2\n"];

    [Fact]
    public async Task Random_corruptions_of_valid_rule_files_never_throw_or_hang()
    {
        var seeds = new[] { Repo.Path("rules", "xunwu", "jurisdiction.yaml"), Repo.Path("rules", "xunwu", "obligations.yaml"), Repo.Path("rules", "xunwu", "people.yaml") };
        var originals = seeds.ToDictionary(p => Path.GetFileName(p), File.ReadAllBytes);
        var random = new Random(20261122);
        using var temp = new TempDir();
        var rejected = 0;

        for (var i = 0; i < Mutations; i++)
        {
            var target = seeds[random.Next(seeds.Length)];
            foreach (var (name, bytes) in originals) File.WriteAllBytes(temp.File(name), bytes);
            var mutated = Mutate(originals[Path.GetFileName(target)], random);
            File.WriteAllBytes(temp.File(Path.GetFileName(target)), mutated);

            var load = Task.Run(() => RuleLoader.Load(temp.Path));
            var finished = await Task.WhenAny(load, Task.Delay(PerLoadLimit));
            Assert.True(finished == load, $"mutation {i} of {Path.GetFileName(target)} hung");
            var result = await load;

            if (result.Rules is null)
            {
                rejected++;
                Assert.NotEmpty(result.Errors);
            }
            foreach (var d in result.Diagnostics)
            {
                Assert.StartsWith(temp.Path + "/", d.Location.Path);
                Assert.True(d.Location.Line >= 1 && d.Location.Column >= 1, d.ToString());
                Assert.DoesNotContain("   at ", d.Message);
            }
        }
        // The corruptions must actually exercise the error paths, or the property says nothing.
        Assert.True(rejected > Mutations / 4, $"only {rejected} of {Mutations} mutations were rejected");
    }

    private static byte[] Mutate(byte[] original, Random random)
    {
        var text = Encoding.UTF8.GetString(original);
        var lines = text.Split('\n').ToList();
        switch (random.Next(8))
        {
            case 0: // delete a span of characters
                var start = random.Next(text.Length);
                return Encoding.UTF8.GetBytes(text.Remove(start, Math.Min(random.Next(1, 20), text.Length - start)));
            case 1: // insert a YAML-significant fragment
                return Encoding.UTF8.GetBytes(text.Insert(random.Next(text.Length), Fragments[random.Next(Fragments.Length)]));
            case 2: // swap two lines
                var (a, b) = (random.Next(lines.Count), random.Next(lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            case 3: // duplicate a line
                var d = random.Next(lines.Count);
                lines.Insert(d, lines[d]);
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            case 4: // change a line's indentation
                var k = random.Next(lines.Count);
                lines[k] = random.Next(2) == 0 ? "  " + lines[k] : lines[k].TrimStart();
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
            case 5: // truncate
                return original[..random.Next(original.Length)];
            case 6: // flip random bytes
                var bytes = (byte[])original.Clone();
                for (var n = random.Next(1, 5); n > 0; n--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                return bytes;
            default: // replace a value after a colon
                var c = random.Next(lines.Count);
                var colon = lines[c].IndexOf(": ", StringComparison.Ordinal);
                if (colon >= 0) lines[c] = lines[c][..(colon + 2)] + Fragments[random.Next(Fragments.Length)];
                return Encoding.UTF8.GetBytes(string.Join('\n', lines));
        }
    }
}
