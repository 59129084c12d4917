using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SciLiteracy.Compliance.Tests.Cli;

/// <summary>
/// `simulate` over 2024-11-01..2026-01-31 on the shipped rules writes the same messages as the release before the
/// restructuring of issue 12: per message the cycle moment, the recipient, the decoded subject and the SHA-256 of the
/// decoded text and HTML bodies, compared with the committed digest <c>Cli/simulate-digest.tsv</c>.
/// Message-ID, Date, boundaries and transfer encodings are left out: a transport may write them differently.
///
/// When the rules or templates change on purpose, regenerate the digest and review its diff:
/// <code>SCILIT_UPDATE_DIGEST=1 dotnet test tests/SciLiteracy.Compliance.Tests -c Release --filter FullyQualifiedName~SimulateDigestTests</code>
/// </summary>
public sealed class SimulateDigestTests
{
    private const string From = "2024-11-01", To = "2026-01-31";
    private static readonly string DigestFile = Repo.Path("tests", "SciLiteracy.Compliance.Tests", "Cli", "simulate-digest.tsv");

    [Fact]
    public void Simulate_on_the_shipped_rules_writes_the_messages_of_the_committed_digest()
    {
        using var temp = new TempDir();
        var outbox = temp["out"];
        // Every item carries signed links (issue 14): a fixed key beside the default state file keeps the digest stable.
        Directory.CreateDirectory(temp["state"]);
        File.WriteAllText(temp["state/web-token.key"], Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray()));
        var run = ScilitProcess.Run(temp.Path, TimeSpan.FromMinutes(15),
            "simulate", "--rules", Repo.Path("rules"), "--from", From, "--to", To, "--outbox", outbox, "--format", "json");
        Assert.True(run.ExitCode == 0, run.Stderr);

        var actual = Digest(run.Stdout, outbox);
        if (Environment.GetEnvironmentVariable("SCILIT_UPDATE_DIGEST") == "1")
        {
            File.WriteAllText(DigestFile, Header + string.Join("\n", actual) + "\n", new UTF8Encoding(false));
            return;
        }
        var expected = File.ReadAllLines(DigestFile).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
            Assert.True(expected[i] == actual[i],
                $"message {i + 1} of {expected.Count} differs from {DigestFile}:\n  expected {expected[i]}\n  actual   {actual[i]}\n{Regenerate}");
        if (expected.Count != actual.Count)
            Assert.Fail($"{actual.Count} messages, the digest has {expected.Count}; first one past the shorter list: " +
                $"{(actual.Count > expected.Count ? "actual " + actual[expected.Count] : "expected " + expected[actual.Count])}\n{Regenerate}");
    }

    private const string Regenerate = "If the rules or templates changed on purpose, regenerate with SCILIT_UPDATE_DIGEST=1 (see SimulateDigestTests) and review the diff.";

    private const string Header = $"# simulate --from {From} --to {To} on rules/: cycle moment, recipient, subject, sha256(text)[:16], sha256(html)[:16].\n" +
        "# Regenerate: SCILIT_UPDATE_DIGEST=1 dotnet test tests/SciLiteracy.Compliance.Tests -c Release --filter FullyQualifiedName~SimulateDigestTests\n";

    /// <summary>One line per message, ordered by cycle moment, then recipient, subject and bodies.</summary>
    private static List<string> Digest(string simulateJson, string outbox)
    {
        var momentOf = JsonDocument.Parse(simulateJson).RootElement.GetProperty("cycles").EnumerateArray()
            .SelectMany(c => c.GetProperty("messages").EnumerateArray().Select(m => (File: m.GetProperty("file").GetString()!, At: c.GetProperty("at").GetString()!)))
            .ToDictionary(m => m.File, m => m.At);
        var lines = new List<string>();
        foreach (var line in ParseFolder(outbox))
        {
            using var parsed = JsonDocument.Parse(line);
            var m = parsed.RootElement;
            string Get(string name) => m.GetProperty(name).GetString()!;
            lines.Add(string.Join('\t', momentOf[Get("file")], Get("to"), Get("subject"), Get("text"), Get("html")));
        }
        Assert.Equal(momentOf.Count, lines.Count);
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<string> ParseFolder(string folder)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Support", "eml_digest.py");
        using var p = Process.Start(new ProcessStartInfo(SmtpServerFixture.Python, [script, folder])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8,
        })!;
        var error = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{script} failed: {error.Result}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
