using Dapper;
using NodaTime;
using Npgsql;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State.Postgres;

/// <summary>
/// The state in one PostgreSQL database, shared by every worker and CLI of an office (or a province).
/// Same contract and same answers as the SQLite file; the schema is migrated at start under an advisory lock,
/// so workers starting together migrate once. Moments are timestamptz (microseconds, UTC).
/// </summary>
public sealed class PostgresStateStore : IStateStore, ILedgerClaims, IDisposable
{
    // Any constant: serialises the migrations of workers that start at the same moment.
    private const long MigrationLock = 0x5C1_117E_5A7E;

    private readonly NpgsqlDataSource source;

    public PostgresStateStore(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(connectionString); }
        catch (ArgumentException e) { throw new StateFileException($"State:ConnectionString: error: {e.Message}"); }
        Where = $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        source = NpgsqlDataSource.Create(builder);
        try { Migrate(); }
        catch (NpgsqlException e)
        {
            source.Dispose();
            throw new StateFileException($"{Where}: error: cannot open the state database: {e.GetBaseException().Message}");
        }
    }

    /// <summary>Host, port and database, without the credentials: what error messages and logs name.</summary>
    public string Where { get; }

    public void Dispose() => source.Dispose();

    private void Migrate()
    {
        using var c = source.OpenConnection();
        using var tx = c.BeginTransaction();
        c.Execute("SELECT pg_advisory_xact_lock(@MigrationLock)", new { MigrationLock }, tx);
        c.Execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", transaction: tx);
        var current = c.ExecuteScalar<int?>("SELECT max(version) FROM schema_version", transaction: tx) ?? 0;
        // Checked before anything is written: a database migrated by a newer scilit must survive an older one untouched.
        if (current > PostgresMigrations.Latest)
            throw new StateFileException($"{Where}: error: state database has schema version {current}, but this scilit understands up to " +
                $"{PostgresMigrations.Latest}; upgrade scilit (the database was not changed)");
        foreach (var (version, sql) in PostgresMigrations.Steps.Where(s => s.Version > current))
        {
            c.Execute(sql, transaction: tx);
            c.Execute("INSERT INTO schema_version (version) VALUES (@version)", new { version }, tx);
        }
        tx.Commit();
    }

    /// <summary>The schema version the database is at (after the migrations of this start).</summary>
    public int SchemaVersion => Use(c => c.ExecuteScalar<int>("SELECT max(version) FROM schema_version"));

    /// <summary>True when the database holds no state at all: what `migrate` requires of its target.</summary>
    public bool IsEmpty() => Use(c => c.ExecuteScalar<bool>(IsEmptySql));

    private const string IsEmptySql = """
        SELECT NOT (EXISTS (SELECT 1 FROM meta) OR EXISTS (SELECT 1 FROM submissions) OR EXISTS (SELECT 1 FROM extensions)
            OR EXISTS (SELECT 1 FROM ledger) OR EXISTS (SELECT 1 FROM target_progress) OR EXISTS (SELECT 1 FROM acknowledgements)
            OR EXISTS (SELECT 1 FROM extension_requests) OR EXISTS (SELECT 1 FROM reopenings) OR EXISTS (SELECT 1 FROM escalation_numbers))
        """;

    /// <summary>
    /// Writes a whole history into this database in one transaction, keeping the measurements' ids; refuses (and
    /// writes nothing) unless the database holds no state, so a migration never mixes two offices or runs twice.
    /// </summary>
    public void Import(StateHistory history)
    {
        using var c = source.OpenConnection();
        using var tx = c.BeginTransaction();
        // Nothing may be written between the emptiness check and the import.
        c.Execute("LOCK TABLE meta, submissions, extensions, ledger, target_progress IN EXCLUSIVE MODE", transaction: tx);
        if (!c.ExecuteScalar<bool>(IsEmptySql, transaction: tx))
            throw new StateFileException($"{Where}: error: the target already holds state; migrate only into an empty database (nothing was written)");
        foreach (var (name, at) in new[] { ("epoch", history.Epoch), ("planned-until", history.PlannedUntil) })
            if (at is { } value) c.Execute("INSERT INTO meta VALUES (@name, @v)", new { name, v = Utc(value) }, tx);
        foreach (var s in history.Submissions)
            c.Execute(SubmissionInsert, SubmissionParameters(s), tx);
        foreach (var e in history.Extensions)
            c.Execute(ExtensionInsert, ExtensionParameters(e), tx);
        if (history.Ledger.Count > 0)
            c.Execute($"INSERT INTO ledger SELECT * FROM {PostgresLedgerColumns.Unnest}", PostgresLedgerColumns.Arrays(history.Ledger), tx);
        foreach (var n in history.EscalationNumbers)
            c.Execute("INSERT INTO escalation_numbers VALUES (@Series, @Number, @o, @u, @p, @Step, @at)",
                new { n.Series, n.Number, o = n.Key.ObligationId, u = n.Key.UnitId, p = n.Key.Period, n.Step, at = Utc(n.RecordedAt) }, tx);
        foreach (var p in history.Progress)
            c.Execute("INSERT INTO target_progress VALUES (@Id, @Target, @Unit, @Value, @asOf, @Note, @at)",
                new { p.Id, p.Target, p.Unit, p.Value, asOf = Day(p.AsOf), p.Note, at = Utc(p.RecordedAt) }, tx);
        // The next measurement recorded here continues the ids of the file.
        c.Execute("SELECT setval(pg_get_serial_sequence('target_progress', 'id'), GREATEST((SELECT max(id) FROM target_progress), 1), (SELECT count(*) > 0 FROM target_progress))",
            transaction: tx);
        tx.Commit();
    }

    // Every operation but RecordProgress may run twice with the same result, so a connection lost to a restart of the
    // server (the pool still holds its dead connections) is retried on a fresh one instead of failing the cycle.
    private T Use<T>(Func<NpgsqlConnection, T> operation, bool idempotent = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var c = source.OpenConnection();
                return operation(c);
            }
            catch (NpgsqlException e) when (idempotent && e.IsTransient && attempt < 5)
            {
                source.Clear();
                Thread.Sleep(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    private void Use(Action<NpgsqlConnection> operation) => Use(c => { operation(c); return 0; });

    private const string SubmissionInsert = """
        INSERT INTO submissions (obligation, unit, period, at, by, note, source) VALUES (@o, @u, @p, @at, @by, @note, @source)
        ON CONFLICT (obligation, unit, period) DO UPDATE SET at = excluded.at, by = excluded.by, note = excluded.note, source = excluded.source
        """;

    private static object SubmissionParameters(Submission s) =>
        new { o = s.Key.ObligationId, u = s.Key.UnitId, p = s.Key.Period, at = Utc(s.At), by = s.By, note = s.Note, source = s.Source };

    private const string ExtensionInsert = """
        INSERT INTO extensions (obligation, unit, period, until, reason, at, source, by, granted) VALUES (@o, @u, @p, @until, @reason, @at, @source, @by, @granted)
        ON CONFLICT (obligation, unit, period) DO UPDATE SET until = excluded.until, reason = excluded.reason, at = excluded.at,
          source = excluded.source, by = excluded.by, granted = extensions.granted + 1
        """;

    private static object ExtensionParameters(Extension e) =>
        new { o = e.Key.ObligationId, u = e.Key.UnitId, p = e.Key.Period, until = Day(e.Until), reason = e.Reason, at = Utc(e.At), source = e.Source, by = e.By, granted = e.Granted };

    public void Submit(Submission s) => ChangeOccurrence(s.Key, SubmissionInsert, SubmissionParameters(s));

    public void Extend(Extension e) => ChangeOccurrence(e.Key, ExtensionInsert, ExtensionParameters(e));

    public void Acknowledge(Acknowledgement a) => ChangeOccurrence(a.Key, """
        INSERT INTO acknowledgements VALUES (@o, @u, @p, @at, @by, @reason, @source)
        ON CONFLICT (obligation, unit, period) DO UPDATE SET at = excluded.at, by = excluded.by, reason = excluded.reason, source = excluded.source
        """, new { o = a.Key.ObligationId, u = a.Key.UnitId, p = a.Key.Period, at = Utc(a.Act.At), by = a.Act.By, reason = a.Act.Reason, source = a.Act.Source });

    public IReadOnlyDictionary<OccurrenceKey, Acknowledgement> Acknowledgements() => Use(c =>
        c.Query<(string O, string U, string P, DateTime At, string By, string? Reason, string Source)>(
                "SELECT obligation, unit, period, at, by, reason, source FROM acknowledgements")
            .Select(r => new Acknowledgement(new(r.O, r.U, r.P), new Act(r.By, Moment(r.At), r.Reason, r.Source)))
            .ToDictionary(a => a.Key));

    public long RequestExtension(OccurrenceKey key, LocalDate until, Act requested) => Use(c => c.ExecuteScalar<long>("""
        INSERT INTO extension_requests (obligation, unit, period, until, by, at, reason, source, status)
        VALUES (@o, @u, @p, @until, @by, @at, @reason, @source, 'pending') RETURNING id
        """, new { o = key.ObligationId, u = key.UnitId, p = key.Period, until = Day(until), by = requested.By, at = Utc(requested.At),
            reason = requested.Reason, source = requested.Source }), idempotent: false);

    public IReadOnlyList<ExtensionRequest> Requests(RequestStatus? status = null) => Use(c =>
        c.Query<RequestRow>("SELECT * FROM extension_requests WHERE @status::text IS NULL OR status = @status ORDER BY id",
                new { status = status is { } s ? RequestStatuses.Name(s) : null })
            .Select(r => r.ToRequest()).ToList());

    public bool Decide(long requestId, RequestStatus decision, Act decided, Extension? grant) => Use(c =>
    {
        using var tx = c.BeginTransaction();
        var changed = c.Execute("""
            UPDATE extension_requests SET status = @status, decided_by = @by, decided_at = @at, decision_reason = @reason, decision_source = @source
            WHERE id = @id AND status = 'pending'
            """, new { id = requestId, status = RequestStatuses.Name(decision), by = decided.By, at = Utc(decided.At), reason = decided.Reason, source = decided.Source }, tx);
        if (changed != 1) return false;
        if (grant is not null)
        {
            c.Execute(ExtensionInsert, ExtensionParameters(grant), tx);
            WaitForSends(c, tx, grant.Key);
        }
        tx.Commit();
        return true;
    });

    public Reopening Reopen(OccurrenceKey key, Act act) => Use(c =>
    {
        using var tx = c.BeginTransaction();
        var k = new { o = key.ObligationId, u = key.UnitId, p = key.Period };
        WaitForSends(c, tx, key);
        var withdrawn = c.Query<(DateTime At, string? By, string? Note, string Source)>(
                "SELECT at, by, note, source FROM submissions WHERE obligation = @o AND unit = @u AND period = @p", k, tx)
            .Select(r => new Submission(key, Moment(r.At), r.By, r.Note) { Source = r.Source }).FirstOrDefault();
        var id = c.ExecuteScalar<long>("""
            INSERT INTO reopenings (obligation, unit, period, at, by, reason, source, withdrawn_at, withdrawn_by, withdrawn_note)
            VALUES (@o, @u, @p, @at, @by, @reason, @source, @wAt, @wBy, @wNote) RETURNING id
            """, new { k.o, k.u, k.p, at = Utc(act.At), by = act.By, reason = act.Reason, source = act.Source,
                wAt = withdrawn is null ? (DateTime?)null : Utc(withdrawn.At), wBy = withdrawn?.By, wNote = withdrawn?.Note }, tx);
        c.Execute("""
            INSERT INTO ledger_archive SELECT *, @id FROM ledger WHERE obligation = @o AND unit = @u AND period = @p;
            DELETE FROM ledger WHERE obligation = @o AND unit = @u AND period = @p;
            DELETE FROM submissions WHERE obligation = @o AND unit = @u AND period = @p;
            DELETE FROM acknowledgements WHERE obligation = @o AND unit = @u AND period = @p;
            """, new { id, k.o, k.u, k.p }, tx);
        tx.Commit();
        return new Reopening(id, key, act, withdrawn);
    }, idempotent: false);

    public IReadOnlyList<Reopening> Reopenings() => Use(c =>
        c.Query<(long Id, string O, string U, string P, DateTime At, string By, string? Reason, string Source, DateTime? WAt, string? WBy, string? WNote)>(
                "SELECT id, obligation, unit, period, at, by, reason, source, withdrawn_at, withdrawn_by, withdrawn_note FROM reopenings ORDER BY id")
            .Select(r => new Reopening(r.Id, new(r.O, r.U, r.P), new Act(r.By, Moment(r.At), r.Reason, r.Source),
                r.WAt is { } wAt ? new Submission(new(r.O, r.U, r.P), Moment(wAt), r.WBy, r.WNote) : null))
            .ToList());

    private sealed class RequestRow
    {
        public long id { get; set; }
        public string obligation { get; set; } = "";
        public string unit { get; set; } = "";
        public string period { get; set; } = "";
        public DateTime until { get; set; }
        public string by { get; set; } = "";
        public DateTime at { get; set; }
        public string? reason { get; set; }
        public string source { get; set; } = "";
        public string status { get; set; } = "";
        public string? decided_by { get; set; }
        public DateTime? decided_at { get; set; }
        public string? decision_reason { get; set; }
        public string? decision_source { get; set; }

        public ExtensionRequest ToRequest() => new(id, new OccurrenceKey(obligation, unit, period), LocalDate.FromDateTime(until),
            new Act(by, Moment(at), reason, source), RequestStatuses.Parse(status),
            decided_at is { } d ? new Act(decided_by ?? "", Moment(d), decision_reason, decision_source ?? Sources.Cli) : null);
    }

    // A change to an occurrence first waits for any send of its rows in flight (their claims hold them FOR UPDATE), so
    // once it commits no worker sends for it on the state before: a claim made after the commit sees the change.
    private void ChangeOccurrence(OccurrenceKey key, string sql, object parameters) => Use(c =>
    {
        using var tx = c.BeginTransaction();
        c.Execute(sql, parameters, tx);
        WaitForSends(c, tx, key);
        tx.Commit();
    });

    private static void WaitForSends(NpgsqlConnection c, NpgsqlTransaction tx, OccurrenceKey key) =>
        c.Execute("SELECT 1 FROM ledger WHERE obligation = @o AND unit = @u AND period = @p AND status IN ('pending', 'failed-flagged') FOR UPDATE",
            new { o = key.ObligationId, u = key.UnitId, p = key.Period }, tx);

    /// <summary>How long a worker may hold a claim without a word to the server before the server ends it (a hung worker, a lost network).</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public ISendClaim? Claim(string messageId, Instant now)
    {
        var c = source.OpenConnection();
        try
        {
            var tx = c.BeginTransaction();
            c.Execute($"SET LOCAL idle_in_transaction_session_timeout = {(int)Lease.TotalMilliseconds}", transaction: tx);
            // Rows another worker holds are skipped, not waited for: then the message is theirs.
            var held = c.Query<string>("""
                SELECT obligation FROM ledger WHERE message_id = @messageId AND status IN ('pending', 'failed-flagged') FOR UPDATE SKIP LOCKED
                """, new { messageId }, tx).Count();
            var waiting = c.ExecuteScalar<int>("SELECT count(*) FROM ledger WHERE message_id = @messageId AND status IN ('pending', 'failed-flagged')",
                new { messageId }, tx);
            var submitted = c.ExecuteScalar<bool>("""
                SELECT EXISTS (SELECT 1 FROM ledger l JOIN submissions s USING (obligation, unit, period)
                               WHERE l.message_id = @messageId AND l.status IN ('pending', 'failed-flagged') AND s.at <= @now
                                 AND l.kind <> 'done') -- the notice of 办结 is sent because of the submission
                """, new { messageId, now = Utc(now) }, tx);
            if (held == 0 || held != waiting || submitted)
            {
                tx.Rollback();
                c.Dispose();
                return null;
            }
            return new PostgresSendClaim(c, tx, UpdateRows);
        }
        catch
        {
            c.Dispose();
            throw;
        }
    }

    public IReadOnlyDictionary<OccurrenceKey, Submission> Submissions() => Use(c =>
        c.Query<(string O, string U, string P, DateTime At, string? By, string? Note, string Source)>("SELECT obligation, unit, period, at, by, note, source FROM submissions")
            .Select(r => new Submission(new(r.O, r.U, r.P), Moment(r.At), r.By, r.Note) { Source = r.Source })
            .ToDictionary(s => s.Key));

    public IReadOnlyDictionary<OccurrenceKey, Extension> Extensions() => Use(c =>
        c.Query<(string O, string U, string P, DateTime Until, string Reason, DateTime At, string Source, string? By, int Granted)>(
                "SELECT obligation, unit, period, until, reason, at, source, by, granted FROM extensions")
            .Select(r => new Extension(new(r.O, r.U, r.P), LocalDate.FromDateTime(r.Until), r.Reason, Moment(r.At)) { Source = r.Source, By = r.By, Granted = r.Granted })
            .ToDictionary(e => e.Key));

    public Instant Epoch(Instant candidate) => Use(c => Moment(c.ExecuteScalar<DateTime>("""
        INSERT INTO meta VALUES ('epoch', @v) ON CONFLICT (name) DO NOTHING;
        SELECT value FROM meta WHERE name = 'epoch';
        """, new { v = Utc(candidate) })));

    public Instant? StoredEpoch() => Use(c =>
        c.ExecuteScalar<DateTime?>("SELECT value FROM meta WHERE name = 'epoch'") is { } at ? Moment(at) : (Instant?)null);

    public Instant? PlannedUntil() => Use(c =>
        c.ExecuteScalar<DateTime?>("SELECT value FROM meta WHERE name = 'planned-until'") is { } at ? Moment(at) : (Instant?)null);

    public void SetPlannedUntil(Instant at) => Use(c =>
        c.Execute("INSERT INTO meta VALUES ('planned-until', @v) ON CONFLICT (name) DO UPDATE SET value = excluded.value", new { v = Utc(at) }));

    // The SQLite file's order: NULL message ids first, names in byte order (the columns are COLLATE "C").
    private const string LedgerOrder = "composed_at, message_id NULLS FIRST, obligation, unit, period, kind, step, channel, recipient_key";

    public IReadOnlyList<LedgerRow> Ledger() => Rows($"SELECT * FROM ledger ORDER BY {LedgerOrder}");

    public IReadOnlyList<LedgerRow> Waiting() =>
        Rows($"SELECT * FROM ledger WHERE status IN ('pending', 'failed-flagged') ORDER BY {LedgerOrder}");

    public IReadOnlyList<LedgerRow> Message(string messageId) =>
        Rows("SELECT * FROM ledger WHERE message_id = @messageId ORDER BY obligation, unit, period, kind, step, channel, recipient_key", new { messageId });

    private IReadOnlyList<LedgerRow> Rows(string sql, object? parameters = null) =>
        Use(c => c.Query<PostgresLedgerColumns>(sql, parameters).Select(r => r.ToLedgerRow()).ToList());

    public HashSet<LedgerIdentity> Identities() => Use(c =>
    {
        var result = new HashSet<LedgerIdentity>();
        // A year of a province is millions of rows over a few thousand distinct names: share one string per name.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string s) => names.TryGetValue(s, out var known) ? known : names[s] = s;
        using var reader = c.ExecuteReader("SELECT obligation, unit, period, kind, step, channel, recipient_key FROM ledger");
        while (reader.Read())
            result.Add(new LedgerIdentity(new OccurrenceKey(Shared(reader.GetString(0)), Shared(reader.GetString(1)), Shared(reader.GetString(2))),
                Shared(reader.GetString(3)), reader.GetInt32(4), Shared(reader.GetString(5)), Shared(reader.GetString(6))));
        return result;
    });

    public IReadOnlyList<LedgerRow> Record(IReadOnlyList<LedgerRow> rows, Func<LedgerRow, string?>? numbering = null)
    {
        if (rows.Count == 0) return [];
        return Use(c =>
        {
            using var tx = c.BeginTransaction();
            // One statement per batch (arrays, unnested): a province cycle records thousands of rows in one round trip.
            var identities = c.Query<(string O, string U, string P, string Kind, int Step, string Channel, string Recipient)>($"""
                INSERT INTO ledger SELECT * FROM {PostgresLedgerColumns.Unnest}
                ON CONFLICT DO NOTHING
                RETURNING obligation, unit, period, kind, step, channel, recipient_key
                """, PostgresLedgerColumns.Arrays(rows), tx).Select(r => new LedgerIdentity(new OccurrenceKey(r.O, r.U, r.P), r.Kind, r.Step, r.Channel, r.Recipient)).ToHashSet();
            // Of two rows with one identity in the same batch, the first is the one inserted, as in the SQLite file.
            var inserted = rows.Where(r => identities.Remove(r.Identity)).ToList();
            foreach (var row in inserted)
                if (numbering?.Invoke(row) is { } series)
                {
                    // Workers sharing the database number one series one at a time, so max + 1 is never taken twice.
                    c.Execute("SELECT pg_advisory_xact_lock(hashtextextended('escalation_numbers/' || @series, 0))", new { series }, tx);
                    c.Execute("""
                        INSERT INTO escalation_numbers
                        SELECT @series, COALESCE((SELECT max(number) FROM escalation_numbers WHERE series = @series), 0) + 1, @o, @u, @p, @step, @at
                        ON CONFLICT (obligation, unit, period, step) DO NOTHING
                        """, new { series, o = row.Key.ObligationId, u = row.Key.UnitId, p = row.Key.Period, step = row.Step, at = Utc(row.ComposedAt) }, tx);
                }
            tx.Commit();
            return inserted;
        });
    }

    public IReadOnlyList<EscalationNumber> EscalationNumbers() => Use(c =>
        c.Query<(string Series, int Number, string O, string U, string P, int Step, DateTime At)>(
                "SELECT series, number, obligation, unit, period, step, recorded_at FROM escalation_numbers ORDER BY series, number")
            .Select(r => new EscalationNumber(r.Series, r.Number, new(r.O, r.U, r.P), r.Step, Moment(r.At))).ToList());

    public IReadOnlyList<LedgerRow> RowsOf(OccurrenceKey key) =>
        Rows("SELECT * FROM ledger WHERE obligation = @o AND unit = @u AND period = @p ORDER BY composed_at, kind, step, channel, recipient_key",
            new { o = key.ObligationId, u = key.UnitId, p = key.Period });

    public void Update(IReadOnlyList<LedgerRow> rows)
    {
        if (rows.Count == 0) return;
        Use(c => UpdateRows(c, null, rows));
    }

    private static void UpdateRows(NpgsqlConnection c, NpgsqlTransaction? tx, IReadOnlyList<LedgerRow> rows) =>
        c.Execute($"""
            UPDATE ledger l SET status = u.status, attempts = u.attempts, next_attempt = u.next_attempt, last_error = u.last_error, sent_at = u.sent_at
            FROM {PostgresLedgerColumns.Unnest}
            WHERE l.obligation = u.obligation AND l.unit = u.unit AND l.period = u.period AND l.kind = u.kind AND l.step = u.step
              AND l.channel = u.channel AND l.recipient_key = u.recipient_key
            """, PostgresLedgerColumns.Arrays(rows), tx);

    public long RecordProgress(string target, string unit, decimal value, LocalDate asOf, string? note, Instant recordedAt) =>
        Use(c => c.ExecuteScalar<long>(
            "INSERT INTO target_progress (target, unit, value, as_of, note, recorded_at) VALUES (@target, @unit, @value, @asOf, @note, @recordedAt) RETURNING id",
            new { target, unit, value, asOf = Day(asOf), note, recordedAt = Utc(recordedAt) }), idempotent: false);

    public IReadOnlyList<ProgressRecord> Progress(string? target = null) => Use(c =>
        c.Query<(long Id, string Target, string Unit, decimal Value, DateTime AsOf, string? Note, DateTime RecordedAt)>(
                "SELECT id, target, unit, value, as_of, note, recorded_at FROM target_progress WHERE @target::text IS NULL OR target = @target ORDER BY target, unit, as_of, id",
                new { target })
            .Select(r => new ProgressRecord(r.Id, r.Target, r.Unit, r.Value, LocalDate.FromDateTime(r.AsOf), r.Note, Moment(r.RecordedAt)))
            .ToList());

    /// <summary>The measurement with the latest as-of date on or before the given day; of equal dates, the last recorded.</summary>
    public (decimal Value, LocalDate AsOf)? Latest(string targetId, string unitId, LocalDate onOrBefore) => Use(c =>
        c.Query<(decimal Value, DateTime AsOf)>(
                "SELECT value, as_of FROM target_progress WHERE target = @targetId AND unit = @unitId AND as_of <= @day ORDER BY as_of DESC, id DESC LIMIT 1",
                new { targetId, unitId, day = Day(onOrBefore) })
            .Select(r => ((decimal, LocalDate)?)(r.Value, LocalDate.FromDateTime(r.AsOf))).FirstOrDefault());

    internal static DateTime Utc(Instant at) => at.ToDateTimeUtc();
    internal static Instant Moment(DateTime at) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc));
    private static DateOnly Day(LocalDate day) => day.ToDateOnly();
}
