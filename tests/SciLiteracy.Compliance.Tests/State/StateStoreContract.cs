using SciLiteracy.Compliance.Domain.Organization;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Tests.State;

/// <summary>
/// What every state store promises the pipeline, run once per store (SQLite file, PostgreSQL database):
/// each subclass says how to open its store; every opening sees the same storage, as a restart would.
/// </summary>
public abstract class StateStoreContract
{
    protected static readonly OccurrenceKey Key = new("xunwu.yearly-report", "jiaoketi", "2025");

    // Whole microseconds: what both stores keep exactly (PostgreSQL's timestamptz resolution).
    protected static readonly Instant Moment = Instant.FromUtc(2025, 12, 5, 1, 0) + Duration.FromTicks(1_234_560);

    /// <summary>A store over this test's storage; a second call opens the same storage again.</summary>
    protected abstract IStateStore Open();

    protected static LedgerRow Row(LedgerStatus status, string recipient = "liaison.jiaoketi@xunwu.example.org", OccurrenceKey? key = null,
        string? messageId = "m1@scilit.local", Instant? composedAt = null) =>
        new(key ?? Key, "remind", 1, recipient, status, 0, null, null, messageId, false, Moment, composedAt ?? Moment, null);

    [Fact]
    public void A_ledger_row_for_the_same_occurrence_kind_step_and_recipient_is_recorded_only_once()
    {
        var store = Open();

        Assert.Single(store.Record([Row(LedgerStatus.Pending)]));
        Assert.Empty(store.Record([Row(LedgerStatus.Folded, "LIAISON.jiaoketi@xunwu.example.org")]));

        var row = Assert.Single(Open().Ledger());
        Assert.Equal(LedgerStatus.Pending, row.Status);
        Assert.Equal(new LedgerIdentity(Key, "remind", 1, ChannelNames.Email, "liaison.jiaoketi@xunwu.example.org"), Assert.Single(Open().Identities()));
    }

    [Fact]
    public void Escalation_numbers_are_given_with_their_rows_gap_free_per_series_once_per_occurrence_and_step_across_restarts()
    {
        static LedgerRow Escalation(string unit, int step, string recipient) =>
            new(new OccurrenceKey("xunwu.yearly-report", unit, "2025"), "escalate", step, recipient, LedgerStatus.Pending, 0, null, null, "m@x", false, Moment, Moment, null);
        string? Numbered(LedgerRow r) => r.Kind == "escalate" ? (r.Key.UnitId == "other-county" ? "other/2026" : "xunwu/2026") : null;

        // Each batch through a freshly opened store, as after a restart; one escalation reaches two recipients in two batches.
        Open().Record([Escalation("jiaoketi", 2, "a@x"), Row(LedgerStatus.Pending), Escalation("jiaoketi", 2, "b@x")], Numbered);
        Open().Record([Escalation("weijian", 2, "a@x"), Escalation("other-county", 2, "a@x")], Numbered);
        Open().Record([Escalation("jiaoketi", 2, "c@x"), Escalation("jiaoketi", 3, "a@x"), Escalation("weijian", 2, "a@x")], Numbered);
        Open().Record([Escalation("wenlv", 2, "a@x")], _ => null); // a row its caller does not number gets none

        var numbers = Open().EscalationNumbers();
        Assert.Equal([("other/2026", 1, "other-county", 2), ("xunwu/2026", 1, "jiaoketi", 2), ("xunwu/2026", 2, "weijian", 2), ("xunwu/2026", 3, "jiaoketi", 3)],
            numbers.Select(n => (n.Series, n.Number, n.Key.UnitId, n.Step)));
        Assert.All(numbers, n => Assert.Equal(Moment, n.RecordedAt));
    }

    [Fact]
    public void An_extension_granted_again_counts_how_many_were_granted()
    {
        Open().Extend(new Extension(Key, new LocalDate(2026, 1, 10), "材料补充", Moment));
        Assert.Equal(1, Assert.Single(Open().Extensions()).Value.Granted);
        Open().Extend(new Extension(Key, new LocalDate(2026, 1, 20), "再次补充", Moment + Duration.FromDays(1)));
        var twice = Assert.Single(Open().Extensions()).Value;
        Assert.Equal((2, new LocalDate(2026, 1, 20)), (twice.Granted, twice.Until));
    }

    [Fact]
    public void Of_two_rows_with_one_identity_in_a_batch_the_first_is_recorded_and_returned()
    {
        var inserted = Open().Record([Row(LedgerStatus.Pending, messageId: "first"), Row(LedgerStatus.Pending, "Liaison.Jiaoketi@xunwu.example.org", messageId: "second")]);

        Assert.Equal("first", Assert.Single(inserted).MessageId);
        Assert.Equal("first", Assert.Single(Open().Ledger()).MessageId);
    }

    [Fact]
    public void Submissions_extensions_and_delivery_updates_survive_reopening_with_every_moment_exact_in_utc()
    {
        var store = Open();
        store.Submit(new Submission(Key, Moment, "联络员", "first"));
        store.Submit(new Submission(Key, Moment + Duration.FromHours(1), "联络员", "寻教字〔2025〕1号"));
        store.Extend(new Extension(Key, new LocalDate(2026, 1, 10), "材料补充", Moment));
        store.Record([Row(LedgerStatus.Pending) with { NextAttemptAt = Moment + Duration.FromMinutes(5), LastError = "421 busy" }]);
        store.Update([Row(LedgerStatus.Sent) with { Attempts = 2, SentAt = Moment + Duration.FromSeconds(7) }]);

        var reopened = Open();
        Assert.Equal(new Submission(Key, Moment + Duration.FromHours(1), "联络员", "寻教字〔2025〕1号"), Assert.Single(reopened.Submissions()).Value);
        Assert.Equal(new Extension(Key, new LocalDate(2026, 1, 10), "材料补充", Moment), Assert.Single(reopened.Extensions()).Value);
        Assert.Equal(Row(LedgerStatus.Sent) with { Attempts = 2, SentAt = Moment + Duration.FromSeconds(7) }, Assert.Single(reopened.Ledger()));
    }

    [Fact]
    public void The_outbox_holds_the_pending_and_flagged_rows_oldest_first_and_a_message_its_own_rows()
    {
        var store = Open();
        OccurrenceKey Unit(string unit) => Key with { UnitId = unit };
        store.Record([
            Row(LedgerStatus.Pending, key: Unit("c"), messageId: "m2", composedAt: Moment + Duration.FromMinutes(2)),
            Row(LedgerStatus.Sent, key: Unit("a"), messageId: "m1"),
            Row(LedgerStatus.FailedFlagged, key: Unit("b"), messageId: "m1", composedAt: Moment + Duration.FromMinutes(1)),
            Row(LedgerStatus.Cancelled, key: Unit("d"), messageId: "m3"),
            Row(LedgerStatus.Folded, key: Unit("e"), messageId: "m2"),
        ]);

        Assert.Equal(["b", "c"], store.Waiting().Select(r => r.Key.UnitId));
        Assert.Equal(["c", "e"], store.Message("m2").Select(r => r.Key.UnitId));
        Assert.Empty(store.Message("unknown"));
    }

    [Fact]
    public void The_ledger_reads_in_composition_order_then_without_message_first_then_names_in_byte_order()
    {
        var store = Open();
        OccurrenceKey Unit(string unit) => Key with { UnitId = unit };
        store.Record([
            Row(LedgerStatus.Pending, key: Unit("late"), composedAt: Moment + Duration.FromSeconds(1)),
            Row(LedgerStatus.Pending, key: Unit("b"), messageId: "m1"),
            Row(LedgerStatus.Pending, key: Unit("B"), messageId: "m1"),
            Row(LedgerStatus.Pending, key: Unit("a"), messageId: "m1"),
            Row(LedgerStatus.Pending, key: Unit("z"), messageId: null),
        ]);

        Assert.Equal(["z", "B", "a", "b", "late"], Open().Ledger().Select(r => r.Key.UnitId));
    }

    [Fact]
    public void The_first_epoch_stays_and_the_planned_until_moment_is_the_last_one_set()
    {
        var store = Open();
        Assert.Null(store.PlannedUntil());
        Assert.Null(store.StoredEpoch()); // looking records nothing

        Assert.Equal(Moment, store.Epoch(Moment));
        Assert.Equal(Moment, Open().StoredEpoch());
        Assert.Equal(Moment, Open().Epoch(Moment + Duration.FromDays(3)));
        store.SetPlannedUntil(Moment + Duration.FromDays(1));
        store.SetPlannedUntil(Moment + Duration.FromDays(2));

        Assert.Equal(Moment + Duration.FromDays(2), Open().PlannedUntil());
    }

    [Fact]
    public void Progress_keeps_exact_decimals_and_the_latest_measurement_on_or_before_a_day_is_the_last_recorded_of_that_date()
    {
        var store = Open();
        var first = store.RecordProgress("literacy-rate", "xunwu", 16.3m, new LocalDate(2025, 6, 30), "抽样", Moment);
        var second = store.RecordProgress("literacy-rate", "xunwu", 16.35m, new LocalDate(2025, 6, 30), null, Moment + Duration.FromHours(1));
        store.RecordProgress("literacy-rate", "xunwu", 18m, new LocalDate(2025, 9, 30), null, Moment);
        store.RecordProgress("volunteers", "xunwu", 120m, new LocalDate(2025, 1, 1), null, Moment);

        Assert.True(second > first);
        var reopened = Open();
        Assert.Equal((16.35m, new LocalDate(2025, 6, 30)), reopened.Latest("literacy-rate", "xunwu", new LocalDate(2025, 9, 29)));
        Assert.Null(reopened.Latest("literacy-rate", "xunwu", new LocalDate(2025, 6, 29)));
        Assert.Equal([16.3m, 16.35m, 18m], reopened.Progress("literacy-rate").Select(p => p.Value));
        Assert.Equal(new ProgressRecord(first, "literacy-rate", "xunwu", 16.3m, new LocalDate(2025, 6, 30), "抽样", Moment), reopened.Progress()[0]);
        Assert.Equal(4, reopened.Progress().Count);
    }
}
