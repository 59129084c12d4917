using Dapper;
using Npgsql;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Postgres;

namespace SciLiteracy.Compliance.Tests.State.Postgres;

/// <summary>What only the PostgreSQL store has: versioned migrations, timestamptz columns, surviving a server restart.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStateStoreTests(PostgresClusterFixture cluster)
{
    private static readonly OccurrenceKey Key = new("xunwu.yearly-report", "jiaoketi", "2025");
    private static readonly Instant Moment = Instant.FromUtc(2025, 12, 5, 1, 0);

    private static NpgsqlConnection Connect(string database)
    {
        var c = new NpgsqlConnection(database);
        c.Open();
        return c;
    }

    [Fact]
    public void Workers_starting_together_migrate_the_database_once_to_the_latest_version()
    {
        var database = cluster.NewDatabase();

        var stores = Enumerable.Range(0, 3).AsParallel().Select(_ => new PostgresStateStore(database)).ToList();

        using var c = Connect(database);
        Assert.Equal(PostgresMigrations.Steps.Select(s => s.Version), c.Query<int>("SELECT version FROM schema_version ORDER BY version"));
        Assert.All(stores, s => Assert.Equal(PostgresMigrations.Latest, s.SchemaVersion));
        stores.ForEach(s => s.Dispose());
    }

    [Fact]
    public void Every_moment_is_a_timestamptz_column()
    {
        var database = cluster.NewDatabase();
        new PostgresStateStore(database).Dispose();

        using var c = Connect(database);
        // Every column of a date-and-time type; the only others are calendar days (extensions.until, extension_requests.until, target_progress.as_of).
        var moments = c.Query<(string Table, string Column, string Type)>("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND (data_type LIKE 'timestamp%' OR data_type LIKE 'time%' OR data_type = 'date')
            ORDER BY table_name, column_name
            """).ToList();
        Assert.Equal(["acknowledgements.at", "escalation_numbers.recorded_at", "extension_requests.at", "extension_requests.decided_at", "extension_requests.until:date",
                "extensions.at", "extensions.until:date", "ledger.composed_at", "ledger.next_attempt", "ledger.planned_send", "ledger.sent_at",
                "ledger_archive.composed_at", "ledger_archive.next_attempt", "ledger_archive.planned_send", "ledger_archive.sent_at",
                "meta.value", "reopenings.at", "reopenings.withdrawn_at", "schema_version.applied_at", "submissions.at",
                "target_progress.as_of:date", "target_progress.recorded_at"],
            moments.Select(m => $"{m.Table}.{m.Column}" + (m.Type == "timestamp with time zone" ? "" : ":" + m.Type)));
    }

    [Fact]
    public void A_database_from_a_newer_schema_is_refused_with_a_clear_error_and_left_unchanged()
    {
        var database = cluster.NewDatabase();
        using (var c = Connect(database))
            c.Execute("CREATE TABLE schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now()); INSERT INTO schema_version VALUES (99, now());");
        var where = $"postgres://127.0.0.1:{cluster.Port}/{new NpgsqlConnectionStringBuilder(database).Database}";

        var e = Assert.Throws<StateFileException>(() => new PostgresStateStore(database));

        Assert.Equal($"{where}: error: state database has schema version 99, but this scilit understands up to {PostgresMigrations.Latest}; " +
            "upgrade scilit (the database was not changed)", e.Message);
        using var check = Connect(database);
        Assert.Equal(["schema_version"], check.Query<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [Fact]
    public void A_server_that_cannot_be_reached_is_one_line_naming_it_without_the_password()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(cluster.ConnectionString()) { Port = FreePort.OnLoopback(), Password = "s3cret", Timeout = 3 };

        var e = Assert.Throws<StateFileException>(() => new PostgresStateStore(unreachable.ToString()));

        Assert.StartsWith($"postgres://127.0.0.1:{unreachable.Port}/postgres: error: cannot open the state database: ", e.Message);
        Assert.DoesNotContain("s3cret", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void A_store_keeps_working_after_the_server_restarts_under_it()
    {
        var database = cluster.NewDatabase();
        using var store = new PostgresStateStore(database);
        store.Submit(new Submission(Key, Moment, null, null));

        cluster.Restart();

        store.Extend(new Extension(Key, new LocalDate(2026, 1, 10), "材料补充", Moment));
        Assert.Single(store.Submissions());
        Assert.Single(store.Extensions());
    }
}
