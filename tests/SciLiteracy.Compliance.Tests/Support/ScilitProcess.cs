using System.Diagnostics;
using System.Text;

namespace SciLiteracy.Compliance.Tests.Support;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the real `scilit` executable as a separate process, as a user or a script would.</summary>
public static class ScilitProcess
{
    public static string ScilitDll => System.IO.Path.Combine(AppContext.BaseDirectory, "scilit.dll");

    public static CliResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, TimeSpan.FromMinutes(2), args);

    public static CliResult Run(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(ScilitDll);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scilit {string.Join(' ', args)} did not finish within {timeout}");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
