using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd on 127.0.0.1 with a random free port, saving every message
/// into a maildir. Stop() and Start() again on the same port model an outage. Needs the package python3-aiosmtpd
/// (the repository's test script installs it); without it the test fails saying so.
/// </summary>
public sealed class SmtpServerFixture : IDisposable
{
    public const string Python = "/usr/bin/python3";
    private Process? process;

    public SmtpServerFixture()
    {
        Maildir = Path.Combine(Path.GetTempPath(), "scilit-smtp-" + Guid.NewGuid().ToString("N"));
        Port = FreePort();
        Start();
    }

    public int Port { get; }
    public string Maildir { get; }
    public bool Running => process is { HasExited: false };

    public void Start()
    {
        if (Running) return;
        if (!File.Exists(Python) || !ModuleAvailable())
            throw new InvalidOperationException("SMTP tests need Debian's python3-aiosmtpd (`apt-get install -y python3-aiosmtpd`): " +
                $"{Python} -m aiosmtpd is not available");
        process = Process.Start(new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited at start: {process.StandardError.ReadToEnd()}");
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) { Thread.Sleep(50); }
        }
        throw new InvalidOperationException($"aiosmtpd did not listen on 127.0.0.1:{Port} within 15 s");
    }

    public void Stop()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        process = null;
    }

    /// <summary>Every message the server accepted, as raw RFC 5322 files, oldest first.</summary>
    public IReadOnlyList<string> MessageFiles()
    {
        var folders = new[] { "new", "cur" }.Select(f => Path.Combine(Maildir, f)).Where(Directory.Exists);
        return folders.SelectMany(Directory.EnumerateFiles).OrderBy(File.GetLastWriteTimeUtc).ThenBy(f => f, StringComparer.Ordinal).ToList();
    }

    public void Dispose()
    {
        Stop();
        if (Directory.Exists(Maildir)) Directory.Delete(Maildir, recursive: true);
    }

    private static bool ModuleAvailable()
    {
        using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true, UseShellExecute = false })!;
        check.WaitForExit();
        return check.ExitCode == 0;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
