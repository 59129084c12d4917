using System.Diagnostics;
using System.Text;

namespace SciLiteracy.Compliance.Tests.Support;

public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the built scilit.dll as a real process, the way an office clerk runs it.</summary>
public static class ScilitProcess
{
    public static ProcessResult Run(string workingDirectory, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "scilit.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"scilit {string.Join(' ', args)} did not finish in 120 s");
        }
        return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result);
    }
}
