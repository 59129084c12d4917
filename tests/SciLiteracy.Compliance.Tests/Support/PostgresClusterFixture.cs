using System.Diagnostics;
using Npgsql;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL server for one test run: Debian's postgresql (15, or whichever is installed under
/// /usr/lib/postgresql), initdb and pg_ctl in a temporary folder, on a free port of 127.0.0.1, as the postgres user
/// when the tests run as root (initdb refuses root). Each test takes its own database (<see cref="NewDatabase"/>);
/// Restart() stops and starts the server on the same port, as an outage; Dispose() stops it and deletes the folder.
/// Needs the package postgresql (the repository's test script installs it); without it the test fails saying so.
/// </summary>
public sealed class PostgresClusterFixture : IDisposable
{
    private readonly string folder;
    private readonly string bin;
    private int databases;

    public PostgresClusterFixture()
    {
        bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderByDescending(b => b.Contains("/15/")).ThenByDescending(b => b).FirstOrDefault() ?? ""
            : "";
        if (bin == "")
            throw new InvalidOperationException("PostgreSQL tests need Debian's postgresql (`apt-get install -y postgresql`): no initdb under /usr/lib/postgresql/*/bin");
        folder = Path.Combine(Path.GetTempPath(), "scilit-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        if (Environment.UserName == "root") Run("chown", ["postgres:postgres", folder], asPostgres: false);
        Port = FreePort.OnLoopback();
        Run(Path.Combine(bin, "initdb"), ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        Start();
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(folder, "data");

    /// <summary>The server's own log: what it said about connections, restarts and errors.</summary>
    public string LogFile => Path.Combine(folder, "server.log");

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ToString();

    /// <summary>A new empty database of this server, for one test; returns its connection string.</summary>
    public string NewDatabase()
    {
        var name = $"t{Interlocked.Increment(ref databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        // Unpooled: a pooled connection may be one a Restart() cut.
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString()) { Pooling = false }.ToString());
        c.Open();
        using var create = new NpgsqlCommand($"CREATE DATABASE {name}", c);
        create.ExecuteNonQuery();
        return ConnectionString(name);
    }

    // fsync off: the tests prove the protocol, not the disk; pg_ctl -w waits until the server accepts connections.
    public void Start() => Run(Path.Combine(bin, "pg_ctl"), ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o",
        $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"]);

    /// <summary>Stops the server the fast way (open connections are cut) and starts it again on the same port.</summary>
    public void Restart()
    {
        Stop("fast");
        Start();
    }

    private void Stop(string mode) => Run(Path.Combine(bin, "pg_ctl"), ["-D", DataDirectory, "-m", mode, "-w", "stop"]);

    public void Dispose()
    {
        try { Stop("immediate"); }
        catch (InvalidOperationException) { } // already stopped
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private static void Run(string program, string[] arguments, bool asPostgres = true)
    {
        var info = asPostgres && Environment.UserName == "root"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within 120 s");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors.Result}{output.Result}");
    }
}
