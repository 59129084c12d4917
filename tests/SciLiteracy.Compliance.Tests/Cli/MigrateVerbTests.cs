using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Postgres;

namespace SciLiteracy.Compliance.Tests.Cli;

/// <summary>`scilit migrate --to postgres` as the real process, from a state file with weeks of history into a real PostgreSQL database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrateVerbTests(PostgresClusterFixture cluster)
{
    [Fact]
    public async Task Status_reads_the_same_before_and_after_migrating_a_state_file_with_history_and_a_second_migration_is_refused()
    {
        using var harness = new PipelineHarness();
        var temp = harness.Temp;
        var state = temp["state/compliance.db"];
        // Six weeks of daily cycles: reminders sent, a submission and an extension in between, measurements recorded.
        var first = Instant.FromUtc(2025, 11, 15, 1, 0);
        harness.StartServiceBefore(first);
        var cycle = harness.Cycle();
        for (var day = first; day <= Instant.FromUtc(2025, 12, 27, 1, 0); day += Duration.FromDays(1))
        {
            if (day == Instant.FromUtc(2025, 12, 10, 1, 0))
            {
                harness.Store.Submit(new Submission(new OccurrenceKey("test.report", "alpha", "2025"), day, "甲局联络员", "甲字〔2025〕3号"));
                harness.Store.Extend(new Extension(new OccurrenceKey("test.plan", "alpha", "2025"), new LocalDate(2026, 1, 10), "材料补充", day));
                harness.Store.RecordProgress("literacy-rate", "alpha", 16.3m, new LocalDate(2025, 11, 30), "抽样", day);
            }
            await cycle.RunAsync(day, CancellationToken.None);
        }
        var history = harness.Store.Ledger();
        Assert.Contains(history, r => r.Status == LedgerStatus.Sent);
        string[] Status(string format) => ["status", "--rules", harness.Rules, "--state", state, "--as-of", "2025-12-27T12:00", "--format", format];
        var beforeJson = ScilitProcess.Run(temp.Path, Status("json"));
        var beforeTable = ScilitProcess.Run(temp.Path, Status("table"));
        Assert.True(beforeJson.ExitCode == 0, beforeJson.Stderr);
        var database = cluster.NewDatabase();
        var postgres = new Dictionary<string, string> { ["State__Provider"] = "postgres", ["State__ConnectionString"] = database };

        var migrate = ScilitProcess.Run(temp.Path, "migrate", "--state", state, "--to", "postgres", "--connection", database);

        Assert.True(migrate.ExitCode == 0, migrate.Stderr);
        Assert.Contains($"{history.Count} ledger row(s), 1 measurement(s) from {state} to postgres://127.0.0.1:{cluster.Port}/", migrate.Stdout);
        var afterJson = ScilitProcess.Run(temp.Path, postgres, Status("json"));
        var afterTable = ScilitProcess.Run(temp.Path, postgres, Status("table"));
        Assert.True(afterJson.ExitCode == 0, afterJson.Stderr);
        Assert.Equal(beforeJson.Stdout, afterJson.Stdout);
        Assert.Equal(beforeTable.Stdout, afterTable.Stdout);
        using (var migrated = new PostgresStateStore(database))
        {
            Assert.Equal(history, migrated.Ledger());
            Assert.Equal(harness.Store.Epoch(Instant.MaxValue), migrated.Epoch(Instant.MaxValue));
            Assert.Equal(harness.Store.PlannedUntil(), migrated.PlannedUntil());
            // The next measurement continues the file's ids.
            Assert.Equal(2, migrated.RecordProgress("literacy-rate", "alpha", 17m, new LocalDate(2025, 12, 31), null, first));
        }

        var again = ScilitProcess.Run(temp.Path, "migrate", "--state", state, "--to", "postgres", "--connection", database);

        Assert.Equal(1, again.ExitCode);
        Assert.Equal($"postgres://127.0.0.1:{cluster.Port}/{new Npgsql.NpgsqlConnectionStringBuilder(database).Database}: error: the target already holds state; " +
            "migrate only into an empty database (nothing was written)", again.Stderr.Trim());
        Assert.Equal(afterJson.Stdout, ScilitProcess.Run(temp.Path, postgres, Status("json")).Stdout);
    }
}
