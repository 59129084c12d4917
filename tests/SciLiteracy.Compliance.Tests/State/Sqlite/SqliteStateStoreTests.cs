using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using Xunit;

namespace SciLiteracy.Compliance.Tests.State.Sqlite;

public sealed class SqliteStateStoreTests
{
    private static readonly OccurrenceKey Key = new("xunwu.yearly-report", "jiaoketi", "2025");
    private static readonly Instant Moment = Instant.FromUtc(2025, 12, 5, 1, 0);

    private static LedgerRow Row(LedgerStatus status, string recipient = "liaison.jiaoketi@xunwu.example.org") =>
        new(Key, "remind", 1, recipient, status, 0, null, null, "m1@scilit.local", false, Moment, Moment, null);

    [Fact]
    public void Submissions_extensions_and_delivery_updates_survive_reopening_the_file_which_is_in_WAL_mode()
    {
        using var temp = new TempDir();
        var path = temp["state.db"];
        var store = new SqliteStateStore(path);
        store.Submit(new Submission(Key, Moment, "联络员", "寻教字〔2025〕1号"));
        store.Extend(new Extension(Key, new LocalDate(2026, 1, 10), "材料补充", Moment));
        store.Record([Row(LedgerStatus.Pending)]);
        store.Update([Row(LedgerStatus.Sent) with { Attempts = 1, SentAt = Moment }]);

        var reopened = new SqliteStateStore(path);
        Assert.Equal("寻教字〔2025〕1号", reopened.Submissions()[Key].Note);
        Assert.Equal(new LocalDate(2026, 1, 10), reopened.Extensions()[Key].Until);
        Assert.Equal((LedgerStatus.Sent, 1, (Instant?)Moment), (reopened.Ledger()[0].Status, reopened.Ledger()[0].Attempts, reopened.Ledger()[0].SentAt));
        using var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", cmd.ExecuteScalar());
    }

    [Fact]
    public void A_state_file_from_a_newer_schema_is_refused_with_a_clear_error_and_left_unchanged()
    {
        using var temp = new TempDir();
        var path = temp["state.db"];
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE future (x); PRAGMA user_version = 7;";
            cmd.ExecuteNonQuery();
        }
        var before = SHA256.HashData(File.ReadAllBytes(path));

        var e = Assert.Throws<StateFileException>(() => new SqliteStateStore(path));

        Assert.Equal($"{path}: error: state file has schema version 7, but this scilit understands up to {SqliteStateStore.SchemaVersion}; upgrade scilit (the file was not changed)", e.Message);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(path)));
    }
}
