using Dapper;
using Npgsql;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Postgres;

namespace SciLiteracy.Compliance.Tests.State.Postgres;

/// <summary>Two workers' stores on one PostgreSQL database: who may send a message, and what a submission does to a send in flight.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerClaimTests(PostgresClusterFixture cluster) : IDisposable
{
    private static readonly OccurrenceKey Key = new("xunwu.yearly-report", "jiaoketi", "2025");
    private static readonly Instant Now = Instant.FromUtc(2025, 12, 5, 1, 0);
    private readonly string database = cluster.NewDatabase();
    private readonly List<PostgresStateStore> workers = [];

    private PostgresStateStore Worker()
    {
        var store = new PostgresStateStore(database);
        workers.Add(store);
        return store;
    }

    private static LedgerRow Row(string messageId, string recipient = "liaison.jiaoketi@xunwu.example.org", OccurrenceKey? key = null) =>
        new(key ?? Key, "remind", 1, recipient, LedgerStatus.Pending, 0, null, null, messageId, false, Now, Now, null);

    private static LedgerRow Sent(LedgerRow row) => row with { Status = LedgerStatus.Sent, Attempts = 1, SentAt = Now };

    public void Dispose() => workers.ForEach(w => w.Dispose());

    [Fact]
    public void A_message_held_by_one_worker_is_not_handed_to_another_and_once_sent_to_nobody()
    {
        var (a, b) = (Worker(), Worker());
        var rows = new[] { Row("m1"), Row("m1", "head.jiaoketi@xunwu.example.org") };
        a.Record(rows);

        using (var claim = a.Claim("m1", Now))
        {
            Assert.NotNull(claim);
            Assert.Null(b.Claim("m1", Now));
            claim!.Complete(rows.Select(Sent).ToList());
        }

        Assert.Null(b.Claim("m1", Now));
        Assert.All(b.Ledger(), r => Assert.Equal(LedgerStatus.Sent, r.Status));
    }

    [Fact]
    public void The_rows_of_a_worker_that_died_while_sending_are_taken_over_by_another()
    {
        var (a, b) = (Worker(), Worker());
        a.Record([Row("m1")]);
        var claim = a.Claim("m1", Now);
        Assert.NotNull(claim);

        // kill -9 of the worker: its connection, and with it the transaction holding the rows, is gone.
        using (var admin = new NpgsqlConnection(database))
        {
            admin.Open();
            Assert.Single(admin.Query<bool>("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'"), ok => ok);
        }

        using var takenOver = Wait.Until(() => b.Claim("m1", Now), TimeSpan.FromSeconds(30));
        takenOver.Complete([Sent(Row("m1"))]);
        Assert.Equal(LedgerStatus.Sent, Assert.Single(b.Ledger()).Status);
        claim!.Dispose();
    }

    [Fact]
    public async Task A_submission_through_one_worker_waits_for_the_send_in_flight_and_stops_every_later_send_for_the_occurrence()
    {
        var (sender, clerk) = (Worker(), Worker());
        var other = Key with { UnitId = "kexie" };
        sender.Record([Row("m1"), Row("m2", key: Key with { Period = "2025" }) with { Kind = "urge" }, Row("m3", key: other)]);
        var inFlight = sender.Claim("m1", Now);
        Assert.NotNull(inFlight);

        var submit = Task.Run(() => clerk.Submit(new Submission(Key, Now, "联络员", null)));
        // The submission's transaction waits on the rows the send holds.
        using (var admin = new NpgsqlConnection(database))
        {
            admin.Open();
            Wait.Until(() => admin.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock')"),
                TimeSpan.FromSeconds(30));
        }
        Assert.False(submit.IsCompleted);
        inFlight!.Complete([Sent(Row("m1"))]);
        await submit.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(sender.Claim("m2", Now));
        using var unrelated = sender.Claim("m3", Now);
        Assert.NotNull(unrelated);
    }
}
