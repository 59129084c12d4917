using System.Diagnostics;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>Debian's python3 (not the first on PATH) running a script given as text: the independent parsers of the tests.</summary>
public static class PythonScript
{
    /// <summary>The script's standard output; <paramref name="failure"/> makes the exception's message from its standard error.</summary>
    public static string Run(string script, IEnumerable<string> args, Func<string, string> failure)
    {
        using var p = Process.Start(new ProcessStartInfo(SmtpServerFixture.Python, ["-c", script, .. args])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        })!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException(failure(error));
        return output;
    }
}
