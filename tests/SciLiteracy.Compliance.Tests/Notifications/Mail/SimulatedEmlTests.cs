using SciLiteracy.Compliance.Tests.Support;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Notifications.Mail;

/// <summary>What `scilit simulate` writes is what a mail program reads: every file, every part, checked by Python's email package.</summary>
public sealed class SimulatedEmlTests
{
    [Fact]
    public void Every_eml_simulate_writes_for_a_busy_season_parses_without_defects_and_has_Date_Message_ID_and_MIME_Version()
    {
        using var temp = TempDir.InMemory();
        var rules = TestRules.CopyXunwu(temp);
        var result = ScilitProcess.Run(temp.Path, "simulate", "--rules", rules, "--from", "2025-11-01", "--to", "2026-01-31", "--outbox", "out");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var files = Directory.GetFiles(temp["out"], "*.eml");
        Assert.True(files.Length >= 20, $"only {files.Length} messages: the check shows little");

        var checkedFiles = EmlCheck.Run(files);
        Assert.Equal(files.Length, checkedFiles.Count);
        var problems = checkedFiles.Where(m => m.Defects.Count > 0 || m.MissingHeaders.Count > 0)
            .Select(m => $"{Path.GetFileName(m.File)}: defects [{string.Join("; ", m.Defects)}], missing [{string.Join(", ", m.MissingHeaders)}]").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // From the office (寻乌县纲要办) at the configured sender; the Message-ID in the sender's domain.
        var sender = checkedFiles[0].From[(checkedFiles[0].From.IndexOf('<') + 1)..].TrimEnd('>');
        Assert.All(checkedFiles, m => Assert.Equal($"寻乌县纲要办 <{sender}>", m.From));
        Assert.All(checkedFiles, m => Assert.EndsWith("@" + sender.Split('@')[1] + ">", m.MessageId));
    }
}
