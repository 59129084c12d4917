using System.Text;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>Random corruptions of a text file of the kinds hand edits and broken disks produce.</summary>
public static class Corruption
{
    private static readonly string[] Fragments =
        [":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!int ", "\"", "'", "#", "\t", "\n", "  ", "---\n", "? ", "|\n", ">\n", "%YAML 1.2\n", "\0", "\uFFFF", "🙂", "12-32", "0wd", "-1d", "version: 2\n"];

    public static byte[] Mutate(byte[] original, Random random)
    {
        if (original.Length == 0) return [(byte)random.Next(256)];
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

/// <summary>Reliability drills print one line of figures each; test.sh shows them after the run.</summary>
public static class DrillReport
{
    public static string FilePath => Path.Combine(Repo.Root, "TestResults", "drills.txt");

    public static void Write(string line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        lock (typeof(DrillReport)) File.AppendAllText(FilePath, line + Environment.NewLine);
    }
}
