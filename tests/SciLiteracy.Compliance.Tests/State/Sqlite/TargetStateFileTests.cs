using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using Xunit;

namespace SciLiteracy.Compliance.Tests.State.Sqlite;

/// <summary>Progress lives in the one state file: migrated from schema 1 with its rows, refused untouched when newer, shown by plan.</summary>
public sealed class TargetStateFileTests : IDisposable
{
    private readonly TargetRules rules = new();

    public void Dispose() => rules.Dispose();

    private SqliteConnection Connect()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(rules.StateFile)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = rules.StateFile, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    [Fact]
    public void ASchemaOneStateFileIsMigratedAndKeepsItsRows()
    {
        using (var c = Connect())
        {
            // Schema 1 as the service wrote it, with the progress table `scilit progress` used to add beside it.
            c.Execute("""
                CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE submissions (obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
                  at TEXT NOT NULL, by TEXT NULL, note TEXT NULL, PRIMARY KEY (obligation, unit, period));
                CREATE TABLE extensions (obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
                  until TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (obligation, unit, period));
                CREATE TABLE ledger (obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
                  kind TEXT NOT NULL, step INTEGER NOT NULL, recipient TEXT NOT NULL COLLATE NOCASE,
                  status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt TEXT NULL, last_error TEXT NULL,
                  message_id TEXT NULL, late INTEGER NOT NULL, planned_send TEXT NOT NULL, composed_at TEXT NOT NULL, sent_at TEXT NULL,
                  PRIMARY KEY (obligation, unit, period, kind, step, recipient));
                CREATE TABLE target_progress (id INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL, unit TEXT NOT NULL,
                  value TEXT NOT NULL, as_of TEXT NOT NULL, note TEXT, recorded_at TEXT NOT NULL);
                INSERT INTO meta VALUES ('epoch', '2025-01-01T00:00:00Z');
                INSERT INTO submissions VALUES ('test.report', 'alpha', '2025', '2025-12-10T02:00:00Z', 'cli', NULL);
                INSERT INTO ledger VALUES ('test.report', 'beta', '2025', 'remind', 1, 'liaison.beta@test.example.org', 'sent', 1,
                  NULL, NULL, 'm1@scilit.local', 0, '2025-12-06T01:00:00Z', '2025-12-06T01:00:00Z', '2025-12-06T01:00:01Z');
                INSERT INTO target_progress (target, unit, value, as_of, note, recorded_at)
                  VALUES ('test.target.volunteers', 'alpha', '16.3', '2025-06-30', '半年报', '2025-07-01T02:00:00Z');
                PRAGMA user_version = 1;
                """);
        }

        var store = TestState.Open(rules.StateFile);

        using (var c = Connect()) Assert.Equal(SqliteStateStore.SchemaVersion, c.ExecuteScalar<long>("PRAGMA user_version;"));
        Assert.Equal(4, SqliteStateStore.SchemaVersion);
        Assert.Equal("alpha", Assert.Single(store.Submissions()).Key.UnitId);
        Assert.Equal("m1@scilit.local", Assert.Single(store.Ledger()).MessageId);
        var kept = Assert.Single(store.Progress());
        Assert.Equal((16.3m, new LocalDate(2025, 6, 30), "半年报"), (kept.Value, kept.AsOf, kept.Note));
        store.RecordProgress("test.target.volunteers", "alpha", 40, new LocalDate(2025, 9, 30), null, Instant.FromUtc(2025, 10, 1, 2, 0));
        Assert.Equal((40m, new LocalDate(2025, 9, 30)), store.Latest("test.target.volunteers", "alpha", new LocalDate(2025, 12, 31)));
    }

    [Fact]
    public void ANewerStateFileIsRefusedUntouchedByProgressRecordAndPlan()
    {
        using (var c = Connect())
            c.Execute($"CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('kept'); PRAGMA user_version = {SqliteStateStore.SchemaVersion + 1};");
        var before = SHA256.HashData(File.ReadAllBytes(rules.StateFile));

        var record = ConditionRules.Scilit("progress", "record", "--rules", rules.Rules, "--state", rules.StateFile,
            "--target", TargetRules.Target, "--value", "30", "--as-of", "2025-06-30");
        var plan = ConditionRules.Scilit("plan", "--rules", rules.Rules, "--state", rules.StateFile, "--from", "2025-12-01", "--to", "2025-12-31");

        foreach (var (exit, _, stderr) in new[] { record, plan })
        {
            Assert.Equal(1, exit);
            Assert.Contains($"{rules.StateFile}: error: state file has schema version {SqliteStateStore.SchemaVersion + 1}, but this scilit understands up to {SqliteStateStore.SchemaVersion}", stderr);
            Assert.DoesNotContain("   at ", stderr);
        }
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(rules.StateFile)));
        Assert.False(File.Exists(rules.StateFile + "-wal"));
    }

    [Fact]
    public void TheWorkerRefusesANewerStateFileBeforeWritingAnything()
    {
        using (var c = Connect())
            c.Execute($"CREATE TABLE future (x TEXT); PRAGMA user_version = {SqliteStateStore.SchemaVersion + 1};");
        var before = SHA256.HashData(File.ReadAllBytes(rules.StateFile));

        var run = ScilitProcess.Run(rules.Temp.Path, new Dictionary<string, string>(), "run", "--rules", rules.Rules, "--state", rules.StateFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{rules.StateFile}: error: state file has schema version {SqliteStateStore.SchemaVersion + 1}", run.Stdout + run.Stderr);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(rules.StateFile)));
        Assert.False(File.Exists(rules.Temp["state/compliance.quartz.db"]), "the scheduler store was created beside a refused state file");
        Assert.False(Directory.Exists(rules.Temp["state/conditions-cache"]), "conditions were compiled beside a refused state file");
    }

    [Fact]
    public void PlanAndStatusShowTheTargetsLatestExpectedAndState()
    {
        JsonElement PlannedTarget()
        {
            var (exit, stdout, stderr) = ConditionRules.Scilit("plan", "--rules", rules.Rules, "--state", rules.StateFile,
                "--from", "2025-12-01", "--to", "2025-12-31", "--format", "json");
            Assert.True(exit == 0, stderr);
            return JsonDocument.Parse(stdout).RootElement.EnumerateArray()
                .Single(o => o.GetProperty("obligation").GetString() == TargetRules.Target).GetProperty("target");
        }
        void Record(string value, string asOf)
        {
            var (exit, _, stderr) = ConditionRules.Scilit("progress", "record", "--rules", rules.Rules, "--state", rules.StateFile,
                "--target", TargetRules.Target, "--value", value, "--as-of", asOf, "--at", asOf + "T12:00");
            Assert.True(exit == 0, stderr);
        }

        Record("20", "2025-06-30");
        var behind = PlannedTarget();
        Assert.Equal((100m, "名", 20m, "2025-06-30", "at-risk"),
            (behind.GetProperty("value").GetDecimal(), behind.GetProperty("unit").GetString(), behind.GetProperty("latest").GetDecimal(),
             behind.GetProperty("latestAsOf").GetString(), behind.GetProperty("state").GetString()));
        Assert.Equal(49.589m, Math.Round(behind.GetProperty("expected").GetDecimal(), 3)); // 181 of 365 days from 0 to 100

        Record("50", "2025-07-04");
        var onTrack = PlannedTarget();
        Assert.Equal((50m, "on-track"), (onTrack.GetProperty("latest").GetDecimal(), onTrack.GetProperty("state").GetString()));

        var (exit, stdout, stderr) = ConditionRules.Scilit("status", "--rules", rules.Rules, "--state", rules.StateFile, "--as-of", "2025-12-01");
        Assert.True(exit == 0, stderr);
        Assert.Contains("test.target.volunteers  alpha 甲局  2025-12-31", stdout);
        Assert.Contains("target 100名, latest 50名 (2025-07-04), expected 50.68名: on-track", stdout);
    }
}
