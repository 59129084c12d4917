using System.Diagnostics;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace SciLiteracy.Compliance.Bench;

/// <summary>
/// Peak memory of the real worker holding a rule set: starts `scilit run` (this same executable) on a virtual
/// clock running a day per second, lets it evaluate for a while, reads VmHWM from /proc and stops it.
/// </summary>
public static class RunMemory
{
    public static (long PeakKib, string Exit) Measure(string rulesDirectory, string work, LocalDate day, TimeSpan duration)
    {
        // The real executable, as built next to the benchmarks (the host project is referenced, so it is copied here).
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "scilit.dll"));
        foreach (var a in new[] { "run", "--rules", rulesDirectory, "--state", Path.Combine(work, "run.db") }) start.ArgumentList.Add(a);
        var startAt = day.PlusDays(-30).AtStartOfDayInZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).ToInstant();
        start.Environment["Compliance__Outbox"] = Path.Combine(work, "run-outbox");
        start.Environment["Compliance__Clock__StartAt"] = InstantPattern.ExtendedIso.Format(startAt);
        start.Environment["Compliance__Clock__Speed"] = "86400";
        // The send-window and safety triggers run on real time; an evaluation every real second is one per virtual day.
        start.Environment["Compliance__SafetyInterval"] = "00:00:01";
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExit(duration);
        var peak = 0L;
        if (!exited)
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    peak = long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            process.Kill();
            process.WaitForExit();
        }
        return (peak, exited ? $"it exited early with {process.ExitCode}" : "stopped by the bench");
    }
}
