using System.Diagnostics;

namespace SciLiteracy.Compliance.Tests.Worker;

/// <summary>The worker says in its log, at start, which of the next 60 days no holiday data covers.</summary>
public class CoverageWarningInLogTests
{
    [Fact]
    public async Task The_worker_warns_at_start_when_the_calendar_runs_out_within_60_days()
    {
        using var temp = new TempDir();
        temp.CopyFromRepo("rules/xunwu", "rules/xunwu");
        temp.CopyFromRepo("rules/templates", "rules/templates");
        temp.CopyFromRepo("rules/calendars", "rules/calendars");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = temp.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { ScilitProcess.Dll, "run", "--rules", "rules", "--state", "state/compliance.db" }) start.ArgumentList.Add(a);
        start.Environment["Compliance__Clock__StartAt"] = "2026-11-22T10:00:00+08:00";
        start.Environment["Compliance__Outbox"] = temp["outbox"];

        using var worker = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        worker.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        worker.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string Log() { lock (output) return output.ToString(); }
        // Warnings go to stderr; wait for both the start and the warning (or the deadline).
        while (DateTime.UtcNow < deadline && !(Log().Contains("Application started", StringComparison.Ordinal) && Log().Contains("WRN", StringComparison.Ordinal))) await Task.Delay(200);
        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();

        Assert.True(Log().Contains("Application started", StringComparison.Ordinal), Log());
        Assert.True(Log().Contains("Calendar cn-mainland of xunwu has no data for 2027-01-01..2027-01-20; those days count as Monday to Friday.", StringComparison.Ordinal), Log());
    }
}
