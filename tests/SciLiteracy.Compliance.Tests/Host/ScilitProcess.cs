using Xunit;
using System.Diagnostics;
using System.Text;

namespace SciLiteracy.Compliance.Tests.Host;

/// <summary>The real `scilit` executable as a child process: `dotnet scilit.dll …`, with its own working directory and environment.</summary>
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

    public static ScilitProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
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

    /// <summary>Runs to the end and returns its exit code and both streams.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var p = Start(workingDirectory, environment, args);
        if (!p.process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill();
            throw new TimeoutException($"scilit {string.Join(' ', args)} did not finish within 60 s; stderr:\n{p.Stderr}");
        }
        p.process.WaitForExit(); // drains the redirected streams
        return (p.process.ExitCode, p.Stdout, p.Stderr);
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
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        return process.WaitForExit(timeout);
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
