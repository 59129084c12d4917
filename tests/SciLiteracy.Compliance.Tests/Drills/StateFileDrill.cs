using System.Diagnostics;
using Microsoft.Data.Sqlite;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>
/// Drill (d): a state file another process holds locked, cut in half, written by a newer scilit, or read-only. `scilit run`
/// and `scilit status` (real processes) must refuse at start with one line naming the file, and leave its bytes as they were.
/// </summary>
public sealed class StateFileDrill
{
    private static readonly string[] Verbs = ["run", "status"];

    [Fact]
    public void A_truncated_state_file_is_refused_in_one_line_and_left_as_it_was() =>
        Drill("truncated", file => { var bytes = File.ReadAllBytes(file); File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]); });

    [Fact]
    public void A_state_file_from_a_newer_schema_is_refused_in_one_line_and_left_as_it_was() =>
        Drill("newer schema", file =>
        {
            using (var c = new SqliteConnection($"Data Source={file};Pooling=False"))
            {
                c.Open();
                using var command = c.CreateCommand();
                command.CommandText = $"PRAGMA user_version = {SqliteStateStore.SchemaVersion + 1};";
                command.ExecuteNonQuery();
            }
        });

    [Fact]
    public void A_read_only_state_file_is_refused_in_one_line_and_left_as_it_was()
    {
        using var temp = new TempDir();
        var file = StateFileWithSubmissions(temp);
        using var readOnly = ReadOnlyFile.Make(file);
        RefusedUnchanged($"read-only ({readOnly.How})", temp, file);
    }

    [Fact]
    public void A_state_file_locked_by_another_process_is_refused_in_one_line_and_left_as_it_was()
    {
        using var temp = new TempDir();
        var file = StateFileWithSubmissions(temp);
        // Another program holding the file: SQLite's exclusive locking mode keeps readers out too, until it exits.
        using var holder = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", $$"""
            import sqlite3, sys, time
            c = sqlite3.connect({{Quote(file)}}, isolation_level=None)
            c.execute('PRAGMA locking_mode=EXCLUSIVE')
            c.execute('BEGIN EXCLUSIVE')
            c.execute("INSERT OR REPLACE INTO meta VALUES ('holder', 'python')")
            print('locked', flush=True)
            time.sleep(120)
            """]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            Assert.Equal("locked", holder.StandardOutput.ReadLine());
            var before = File.ReadAllBytes(file);
            var rules = TestRules.CopyXunwu(temp);
            var outcomes = Verbs.Select(verb => RefusedInOneLine(temp, rules, verb, file)).ToList();
            Assert.Equal(before, File.ReadAllBytes(file));
            DrillReport.Write($"state file locked by another process: {string.Join("; ", outcomes)}; file bytes unchanged");
        }
        finally
        {
            holder.Kill();
            holder.WaitForExit();
        }
    }

    private static void Drill(string name, Action<string> damage)
    {
        using var temp = new TempDir();
        var file = StateFileWithSubmissions(temp);
        damage(file);
        RefusedUnchanged(name, temp, file);
    }

    private static void RefusedUnchanged(string name, TempDir temp, string file)
    {
        var before = File.ReadAllBytes(file);
        var rules = TestRules.CopyXunwu(temp);
        var outcomes = Verbs.Select(verb => RefusedInOneLine(temp, rules, verb, file)).ToList();
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.False(File.Exists(file + "-wal") && new FileInfo(file + "-wal").Length > 0, "a write-ahead log was started on the refused file");
        DrillReport.Write($"state file {name}: {string.Join("; ", outcomes)}; file bytes unchanged");
    }

    private static string RefusedInOneLine(TempDir temp, string rules, string verb, string file)
    {
        var watch = Stopwatch.StartNew();
        var result = ScilitProcess.Run(temp.Path, TimeSpan.FromSeconds(60), verb, "--rules", rules, "--state", file);
        // The rules' own warnings (a missing calendar year) may come first; the refusal is the one error line.
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains(" WRN] ", StringComparison.Ordinal)).ToArray();
        Assert.True(result.ExitCode != 0, $"scilit {verb} accepted the damaged state file:\n{result.Stdout}\n{result.Stderr}");
        Assert.True(lines.Length == 1, $"scilit {verb}: expected one line, got:\n{result.Stderr}");
        Assert.Contains(file, lines[0]);
        Assert.DoesNotContain("   at ", result.Stderr);
        return $"{verb} exit {result.ExitCode} in {watch.Elapsed.TotalSeconds:F1} s";
    }

    /// <summary>A real state file with some history in it, checkpointed so that every byte is in the file itself.</summary>
    private static string StateFileWithSubmissions(TempDir temp)
    {
        var file = temp["state/compliance.db"];
        var store = TestState.Open(file);
        for (var i = 0; i < 200; i++)
            store.Submit(new Submission(new OccurrenceKey("xunwu.yearly-report", $"unit-{i:000}", "2025"), Instant.FromUtc(2025, 12, 1, 0, 0), "drill", new string('备', 50)));
        SqliteConnection.ClearAllPools(); // the program that wrote the file has exited: its pooled connections are closed
        using (var c = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            c.Open();
            using var command = c.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        return file;
    }

    /// <summary>
    /// A file this process cannot write: chmod a-w, and as root (for whom a mode is no bar) also chattr +i, which stops
    /// root too. Checked by opening it for writing; undone on dispose so that the temporary folder can go.
    /// </summary>
    private sealed class ReadOnlyFile : IDisposable
    {
        private readonly string file;
        private bool immutable;

        private ReadOnlyFile(string file) => this.file = file;

        public string How { get; private set; } = "chmod a-w";

        public static ReadOnlyFile Make(string file)
        {
            var readOnly = new ReadOnlyFile(file);
            File.SetAttributes(file, FileAttributes.ReadOnly); // on Linux: chmod a-w
            if (!Writable(file)) return readOnly;
            var chattr = Chattr("+i", file);
            readOnly.immutable = chattr.ExitCode == 0;
            readOnly.How = "chmod a-w and chattr +i, as root";
            Assert.False(Writable(file), $"cannot make {file} read-only for this user: chmod a-w does not stop root, and chattr +i said: {chattr.Stderr}");
            return readOnly;
        }

        public void Dispose()
        {
            if (immutable) Chattr("-i", file);
            File.SetAttributes(file, FileAttributes.Normal);
        }

        private static bool Writable(string file)
        {
            try { using var _ = File.Open(file, FileMode.Open, FileAccess.Write); return true; }
            catch (UnauthorizedAccessException) { return false; }
        }

        private static (int ExitCode, string Stderr) Chattr(string change, string file)
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo("chattr", [change, file]) { RedirectStandardError = true, UseShellExecute = false })!;
                var stderr = process.StandardError.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, stderr.Trim());
            }
            catch (System.ComponentModel.Win32Exception e) { return (-1, e.Message); } // no chattr on this system
        }
    }

    private static string Quote(string s) => "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
