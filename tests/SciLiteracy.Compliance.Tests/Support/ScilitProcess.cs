using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SciLiteracy.Compliance.Tests.Support;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// The real `scilit` executable as a child process (`dotnet scilit.dll …`), as a user, a script or systemd runs it:
/// <see cref="Run(string, string[])"/> to the end for a verb, <see cref="Start"/> for a worker a test kills or stops.
/// </summary>
public sealed class ScilitProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private ScilitProcess(Process process)
    {
        this.process = process;
    }

    /// <summary>scilit.dll as built next to the tests (the Host project is referenced, so it is copied here).</summary>
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "scilit.dll");

    public static CliResult Run(string workingDirectory, params string[] args) => Run(workingDirectory, TimeSpan.FromMinutes(2), args);

    public static CliResult Run(string workingDirectory, TimeSpan timeout, params string[] args) =>
        Run(workingDirectory, new Dictionary<string, string>(), timeout, args);

    /// <summary>Runs to the end with extra environment variables and returns its exit code and both streams.</summary>
    public static CliResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(workingDirectory, environment, TimeSpan.FromSeconds(60), args);

    private static CliResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string[] args)
    {
        using var p = Start(workingDirectory, environment, args);
        if (!p.process.WaitForExit(timeout))
        {
            p.Kill();
            throw new TimeoutException($"scilit {string.Join(' ', args)} did not finish within {timeout}; stderr:\n{p.Stderr}");
        }
        p.process.WaitForExit(); // drains the redirected streams
        return new CliResult(p.process.ExitCode, p.Stdout, p.Stderr);
    }

    public static ScilitProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // The test runner's own settings must not leak into the worker's configuration.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Compliance__", StringComparison.Ordinal) || k.StartsWith("Smtp__", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(key);
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = new Process { StartInfo = info };
        var result = new ScilitProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (result.stdout) result.stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (result.stderr) result.stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return result;
    }

    public string Stdout { get { lock (stdout) return stdout.ToString(); } }
    public string Stderr { get { lock (stderr) return stderr.ToString(); } }
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    /// <summary>SIGKILL: no shutdown code runs, as when the machine loses power mid-send.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as systemd stops the service; waits for the worker to finish its shutdown.</summary>
    public bool Terminate(TimeSpan timeout)
    {
        if (process.HasExited) return true;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
        return process.WaitForExit(timeout);
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
