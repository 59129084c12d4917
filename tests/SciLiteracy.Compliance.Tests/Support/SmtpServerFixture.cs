using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>How a misbehaving server on the fixture's port fails (Support/misbehaving_smtp.py).</summary>
public enum SmtpFault
{
    /// <summary>Accepts the connection, then says nothing at all.</summary>
    Hang,

    /// <summary>Speaks SMTP up to DATA, reads the whole message, then closes the socket before the final reply: nothing is delivered.</summary>
    DropMidData,
}

/// <summary>
/// A real SMTP server for tests: Debian's aiosmtpd (Support/smtp_server.py, with a fixed hostname) on 127.0.0.1 with a random
/// free port, saving every message into a maildir; it can refuse some recipients (550), defer one once (451) or drop the
/// connection once after a message's data (<see cref="SmtpServerFixture(SmtpServerFaults?)"/>). Stop() and Start() again on
/// the same port model an outage; Misbehave(fault) puts a server that hangs or drops the connection mid-message on the port
/// instead, until Start() brings the real one back. Needs the package python3-aiosmtpd (the repository's test script
/// installs it); without it the test fails saying so.
/// </summary>
public sealed class SmtpServerFixture : IDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly string MisbehavingServer = Path.Combine(AppContext.BaseDirectory, "Support", "misbehaving_smtp.py");
    private static readonly string Server = Path.Combine(AppContext.BaseDirectory, "Support", "smtp_server.py");
    private readonly SmtpServerFaults faults;
    private readonly SmtpServerTls? tls;
    private Process? process;
    private SmtpFault? fault;

    public SmtpServerFixture(SmtpServerFaults? faults = null, SmtpServerTls? tls = null)
    {
        this.faults = faults ?? new SmtpServerFaults();
        this.tls = tls;
        Maildir = Path.Combine(Path.GetTempPath(), "scilit-smtp-" + Guid.NewGuid().ToString("N"));
        Port = FreePort.OnLoopback();
        Start();
    }

    public int Port { get; }
    public string Maildir { get; }

    /// <summary>Where the servers note each recipient command, connection and dropped message (outside the maildir).</summary>
    public string FaultLog => Maildir + ".faults.log";

    public bool Running => process is { HasExited: false };

    public void Start()
    {
        if (Running && fault is null) return;
        Stop();
        if (!File.Exists(Python) || !ModuleAvailable())
            throw new InvalidOperationException("SMTP tests need Debian's python3-aiosmtpd (`apt-get install -y python3-aiosmtpd`): " +
                $"{Python} -m aiosmtpd is not available");
        var arguments = new List<string> { Server, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Maildir, FaultLog };
        foreach (var a in faults.Refuse) arguments.AddRange(["--refuse", a]);
        foreach (var a in faults.DeferOnce) arguments.AddRange(["--defer-once", a]);
        foreach (var a in faults.DropOnce) arguments.AddRange(["--drop-once", a]);
        if (tls is not null) arguments.AddRange(["--tls", tls.Mode, "--cert", tls.CertificateFile, "--key", tls.KeyFile]);
        process = Launch([.. arguments]);
        AwaitReady(Server);
    }

    /// <summary>The recipient commands the server answered, in order: (address, reply code).</summary>
    public IReadOnlyList<(string Address, int Code)> RecipientCommands() => FaultEvents()
        .Select(e => e.Event.Split(' ')).Where(p => p is ["rcpt", _, _])
        .Select(p => (p[1], int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture))).ToList();

    // Each server says when it listens: a probe connection would be one more in the misbehaving server's log.
    private void AwaitReady(string script)
    {
        var ready = process!.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(15)) || ready.Result != "ready")
            throw new InvalidOperationException($"{script} did not listen on 127.0.0.1:{Port} within 15 s: " +
                (process.HasExited ? process.StandardError.ReadToEnd() : "no answer"));
    }

    /// <summary>Replaces whatever listens on the port with a server that fails in the given way; Start() ends it.</summary>
    public void Misbehave(SmtpFault how)
    {
        Stop();
        process = Launch([MisbehavingServer, Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            how == SmtpFault.Hang ? "hang" : "drop-mid-data", FaultLog]);
        fault = how;
        AwaitReady(MisbehavingServer);
    }

    /// <summary>What the misbehaving servers noted so far: when (real time) and what ("connect", "dropped ADDRESS").</summary>
    public IReadOnlyList<(DateTimeOffset At, string Event)> FaultEvents() => !File.Exists(FaultLog) ? [] :
        File.ReadAllLines(FaultLog).Select(line => line.Split(' ', 2)).Select(parts => (
            DateTimeOffset.FromUnixTimeMilliseconds((long)(double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1000)),
            parts[1])).ToList();

    public void Stop()
    {
        fault = null;
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
        File.Delete(FaultLog);
    }

    private static Process Launch(string[] arguments) => Process.Start(new ProcessStartInfo(Python, arguments)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        UseShellExecute = false,
    })!;

    private static bool ModuleAvailable()
    {
        using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"]) { RedirectStandardError = true, UseShellExecute = false })!;
        check.WaitForExit();
        return check.ExitCode == 0;
    }
}
