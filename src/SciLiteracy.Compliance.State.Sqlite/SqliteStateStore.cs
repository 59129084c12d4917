using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.State.Sqlite;

/// <summary>
/// The state in one SQLite file (WAL mode). Schema version in PRAGMA user_version; one connection per operation,
/// so the CLI verbs and the worker can share the file.
/// </summary>
public sealed class SqliteStateStore : IStateStore
{
    // 2: target_progress (measurements of targets) joined the state file, which was created beside it before.
    // 3: the ledger has a channel (part of a row's identity); acknowledgements, extension requests, reopenings and the
    //    ledger archive of reopened occurrences; submissions and extensions say where (and extensions who) they came from.
    // 4: the numbers of the 督办单 (escalation_numbers); extensions count how many were granted (a calendar invitation's SEQUENCE).
    public const int SchemaVersion = 4;

    private readonly string connectionString;
    private readonly bool durable;

    /// <param name="durable">False only for throw-away files (simulate): skips the fsync on every commit.</param>
    public SqliteStateStore(string path, bool durable = true)
    {
        this.durable = durable;
        FilePath = path;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        // A writer holding the file (a CLI verb's short transaction) is waited for up to 5 s; longer means another program holds it.
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 5 }.ToString();
        try { Migrate(); }
        catch (SqliteException e) { throw new StateFileException($"{FilePath}: error: cannot open the state file: {e.Message}"); }
    }

    /// <summary>Closes the pooled connections to this file (before a throw-away file is deleted).</summary>
    public void ReleaseConnections()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    public string FilePath { get; }

    // Connections are pooled (a cycle opens one per message it marks sent); each physical one is set up once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> SetUp = new();

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        if (!durable && connection.Handle is { } handle && !SetUp.TryGetValue(handle, out _))
        {
            connection.Execute("PRAGMA synchronous = OFF;");
            SetUp.AddOrUpdate(handle, handle);
        }
        return connection;
    }

    private void Migrate()
    {
        using var connection = Open();
        long version;
        string integrity;
        try
        {
            version = connection.ExecuteScalar<long>("PRAGMA user_version;");
            // Checked before anything is written: a newer file must survive an older scilit untouched.
            if (version > SchemaVersion)
                throw new StateFileException($"{FilePath}: error: state file has schema version {version}, but this scilit understands up to {SchemaVersion}; " +
                    "upgrade scilit (the file was not changed)");
            // A file cut short (power lost while copying it, a full disk) reads fine until the first missing page: refuse it now.
            integrity = connection.ExecuteScalar<string>("PRAGMA quick_check(1);") ?? "no answer";
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new StateFileException($"{FilePath}: error: the state file is locked by another process (another scilit run?); stop it and retry (the file was not changed)");
        }
        catch (SqliteException e) { throw new StateFileException($"{FilePath}: error: cannot read the state file: {e.Message} (the file was not changed)"); }
        if (integrity != "ok")
            throw new StateFileException($"{FilePath}: error: the state file is damaged ({integrity.ReplaceLineEndings(" ")}); restore it from a backup (the file was not changed)");
        // SQLite opens a file it may not write read-only without a word; every later write would then fail instead.
        if (SQLitePCL.raw.sqlite3_db_readonly(connection.Handle, "main") == 1)
            throw new StateFileException($"{FilePath}: error: the state file is read-only for this user (file mode, chattr +i or a read-only mount); " +
                "make it writable and retry (the file was not changed)");
        connection.Execute("PRAGMA journal_mode = WAL;");
        if (version == SchemaVersion) return;
        using var tx = connection.BeginTransaction();
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS submissions (
              obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
              at TEXT NOT NULL, by TEXT NULL, note TEXT NULL,
              PRIMARY KEY (obligation, unit, period));
            CREATE TABLE IF NOT EXISTS extensions (
              obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
              until TEXT NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL,
              PRIMARY KEY (obligation, unit, period));
            CREATE TABLE IF NOT EXISTS target_progress (
              id INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL, unit TEXT NOT NULL,
              value TEXT NOT NULL,  -- decimal as invariant text: no binary rounding of 16.3 %
              as_of TEXT NOT NULL, note TEXT NULL, recorded_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS target_progress_latest ON target_progress (target, unit, as_of);
            CREATE TABLE IF NOT EXISTS acknowledgements (
              obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
              at TEXT NOT NULL, by TEXT NOT NULL, reason TEXT NULL, source TEXT NOT NULL,
              PRIMARY KEY (obligation, unit, period));
            CREATE TABLE IF NOT EXISTS extension_requests (
              id INTEGER PRIMARY KEY AUTOINCREMENT, obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
              until TEXT NOT NULL, by TEXT NOT NULL, at TEXT NOT NULL, reason TEXT NULL, source TEXT NOT NULL,
              status TEXT NOT NULL, decided_by TEXT NULL, decided_at TEXT NULL, decision_reason TEXT NULL, decision_source TEXT NULL);
            CREATE TABLE IF NOT EXISTS reopenings (
              id INTEGER PRIMARY KEY AUTOINCREMENT, obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
              at TEXT NOT NULL, by TEXT NOT NULL, reason TEXT NULL, source TEXT NOT NULL,
              withdrawn_at TEXT NULL, withdrawn_by TEXT NULL, withdrawn_note TEXT NULL);
            CREATE TABLE IF NOT EXISTS escalation_numbers (
              series TEXT NOT NULL, number INTEGER NOT NULL, obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
              step INTEGER NOT NULL, recorded_at TEXT NOT NULL,
              PRIMARY KEY (series, number), UNIQUE (obligation, unit, period, step));
            """, transaction: tx);
        // Before version 3 the ledger had no channel: every row was an email. Its identity now includes the channel, so
        // the table is rebuilt with the column in its primary key; every row keeps its fields.
        var ledgerExists = connection.ExecuteScalar<long>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'ledger'", transaction: tx) > 0;
        var hasChannel = ledgerExists && connection.Query<string>("SELECT name FROM pragma_table_info('ledger')", transaction: tx).Contains("channel");
        if (ledgerExists && !hasChannel) connection.Execute("ALTER TABLE ledger RENAME TO ledger_v2; DROP INDEX IF EXISTS ledger_status;", transaction: tx);
        connection.Execute($"""
            CREATE TABLE IF NOT EXISTS ledger ({LedgerColumns}, PRIMARY KEY (obligation, unit, period, kind, step, channel, recipient));
            CREATE INDEX IF NOT EXISTS ledger_status ON ledger (status);
            CREATE TABLE IF NOT EXISTS ledger_archive ({LedgerColumns}, reopening INTEGER NOT NULL);
            """, transaction: tx);
        if (ledgerExists && !hasChannel)
            connection.Execute($"""
                INSERT INTO ledger ({string.Join(", ", Columns)})
                  SELECT obligation, unit, period, kind, step, 'email', recipient, status, attempts, next_attempt, last_error,
                         message_id, late, planned_send, composed_at, sent_at FROM ledger_v2;
                DROP TABLE ledger_v2;
                """, transaction: tx);
        AddColumn(connection, tx, "submissions", "source", "TEXT NOT NULL DEFAULT 'cli'");
        AddColumn(connection, tx, "extensions", "source", "TEXT NOT NULL DEFAULT 'cli'");
        AddColumn(connection, tx, "extensions", "by", "TEXT NULL");
        AddColumn(connection, tx, "extensions", "granted", "INTEGER NOT NULL DEFAULT 1");
        connection.Execute($"PRAGMA user_version = {SchemaVersion};", transaction: tx);
        tx.Commit();
    }

    private static void AddColumn(SqliteConnection connection, SqliteTransaction tx, string table, string column, string definition)
    {
        if (!connection.Query<string>($"SELECT name FROM pragma_table_info('{table}')", transaction: tx).Contains(column))
            connection.Execute($"ALTER TABLE {table} ADD COLUMN {column} {definition}", transaction: tx);
    }

    private const string LedgerColumns = """
        obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
        kind TEXT NOT NULL, step INTEGER NOT NULL, channel TEXT NOT NULL, recipient TEXT NOT NULL COLLATE NOCASE,
        status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt TEXT NULL, last_error TEXT NULL,
        message_id TEXT NULL, late INTEGER NOT NULL, planned_send TEXT NOT NULL, composed_at TEXT NOT NULL, sent_at TEXT NULL
        """;

    public void Submit(Submission s)
    {
        using var c = Open();
        c.Execute("INSERT OR REPLACE INTO submissions (obligation, unit, period, at, by, note, source) VALUES (@o, @u, @p, @at, @by, @note, @source)",
            new { o = s.Key.ObligationId, u = s.Key.UnitId, p = s.Key.Period, at = Text(s.At), by = s.By, note = s.Note, source = s.Source });
    }

    public void Extend(Extension e)
    {
        using var c = Open();
        Extend(c, null, e);
    }

    private static void Extend(SqliteConnection c, SqliteTransaction? tx, Extension e) =>
        c.Execute("""
            INSERT INTO extensions (obligation, unit, period, until, reason, at, source, by, granted) VALUES (@o, @u, @p, @until, @reason, @at, @source, @by, @granted)
            ON CONFLICT (obligation, unit, period) DO UPDATE SET until = excluded.until, reason = excluded.reason, at = excluded.at,
              source = excluded.source, by = excluded.by, granted = extensions.granted + 1
            """,
            new { o = e.Key.ObligationId, u = e.Key.UnitId, p = e.Key.Period, until = LocalDatePattern.Iso.Format(e.Until), reason = e.Reason, at = Text(e.At),
                source = e.Source, by = e.By, granted = e.Granted },
            transaction: tx);

    public IReadOnlyDictionary<OccurrenceKey, Submission> Submissions()
    {
        using var c = Open();
        return c.Query<(string O, string U, string P, string At, string? By, string? Note, string Source)>("SELECT obligation, unit, period, at, by, note, source FROM submissions")
            .Select(r => new Submission(new(r.O, r.U, r.P), Parse(r.At), r.By, r.Note) { Source = r.Source })
            .ToDictionary(s => s.Key);
    }

    public IReadOnlyDictionary<OccurrenceKey, Extension> Extensions()
    {
        using var c = Open();
        return c.Query<(string O, string U, string P, string Until, string Reason, string At, string Source, string? By, int Granted)>(
                "SELECT obligation, unit, period, until, reason, at, source, by, granted FROM extensions")
            .Select(r => new Extension(new(r.O, r.U, r.P), LocalDatePattern.Iso.Parse(r.Until).Value, r.Reason, Parse(r.At)) { Source = r.Source, By = r.By, Granted = r.Granted })
            .ToDictionary(e => e.Key);
    }

    public Instant Epoch(Instant candidate)
    {
        using var c = Open();
        c.Execute("INSERT OR IGNORE INTO meta VALUES ('epoch', @v)", new { v = Text(candidate) });
        return Parse(c.ExecuteScalar<string>("SELECT value FROM meta WHERE name = 'epoch'")!);
    }

    public IReadOnlyList<LedgerRow> Ledger()
    {
        using var c = Open();
        return c.Query<Row>("SELECT * FROM ledger ORDER BY composed_at, message_id, obligation, unit, period, kind, step, channel, recipient")
            .Select(r => r.ToLedgerRow()).ToList();
    }

    public IReadOnlyList<LedgerRow> Waiting()
    {
        using var c = Open();
        // Served by the ledger_status index: a cycle's cost no longer grows with the rows already sent.
        return c.Query<Row>("SELECT * FROM ledger WHERE status IN ('pending', 'failed-flagged') ORDER BY composed_at, message_id, obligation, unit, period, kind, step, channel, recipient")
            .Select(r => r.ToLedgerRow()).ToList();
    }

    public HashSet<LedgerIdentity> Identities()
    {
        using var c = Open();
        var result = new HashSet<LedgerIdentity>();
        // A year of a province is millions of rows over a few thousand distinct names: share one string per name.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string s) => names.TryGetValue(s, out var known) ? known : names[s] = s;
        using var reader = c.ExecuteReader("SELECT obligation, unit, period, kind, step, channel, recipient FROM ledger");
        while (reader.Read())
            result.Add(new LedgerIdentity(new OccurrenceKey(Shared(reader.GetString(0)), Shared(reader.GetString(1)), Shared(reader.GetString(2))),
                Shared(reader.GetString(3)), reader.GetInt32(4), Shared(reader.GetString(5)), Shared(reader.GetString(6).ToLowerInvariant())));
        return result;
    }

    public IReadOnlyList<LedgerRow> Message(string messageId)
    {
        using var c = Open();
        return c.Query<Row>("SELECT * FROM ledger WHERE message_id = @messageId ORDER BY obligation, unit, period, kind, step, channel, recipient", new { messageId })
            .Select(r => r.ToLedgerRow()).ToList();
    }

    public Instant? StoredEpoch()
    {
        using var c = Open();
        return c.ExecuteScalar<string?>("SELECT value FROM meta WHERE name = 'epoch'") is { } text ? Parse(text) : null;
    }

    public Instant? PlannedUntil()
    {
        using var c = Open();
        return c.ExecuteScalar<string?>("SELECT value FROM meta WHERE name = 'planned-until'") is { } text ? Parse(text) : null;
    }

    public void SetPlannedUntil(Instant at)
    {
        using var c = Open();
        c.Execute("INSERT OR REPLACE INTO meta VALUES ('planned-until', @v)", new { v = Text(at) });
    }

    /// <summary>Forgets the planned-until mark, as in a file from before it existed (benchmarks measure the re-plan that costs).</summary>
    public void ForgetPlannedUntil()
    {
        using var c = Open();
        c.Execute("DELETE FROM meta WHERE name = 'planned-until'");
    }

    public IReadOnlyList<LedgerRow> Record(IReadOnlyList<LedgerRow> rows, Func<LedgerRow, string?>? numbering = null)
    {
        var inserted = new List<LedgerRow>();
        Batch(rows, """
            INSERT OR IGNORE INTO ledger (obligation, unit, period, kind, step, channel, recipient, status, attempts,
              next_attempt, last_error, message_id, late, planned_send, composed_at, sent_at)
            VALUES ($obligation, $unit, $period, $kind, $step, $channel, $recipient, $status, $attempts,
              $next_attempt, $last_error, $message_id, $late, $planned_send, $composed_at, $sent_at)
            """, (row, changed, c, tx) =>
            {
                if (changed != 1) return;
                inserted.Add(row);
                // In the rows' transaction: the number exists exactly when the row does (SQLite has one writer at a time).
                if (numbering?.Invoke(row) is { } series)
                    c.Execute("""
                        INSERT OR IGNORE INTO escalation_numbers
                        SELECT @series, COALESCE((SELECT max(number) FROM escalation_numbers WHERE series = @series), 0) + 1, @o, @u, @p, @step, @at
                        """, new { series, o = row.Key.ObligationId, u = row.Key.UnitId, p = row.Key.Period, step = row.Step, at = Text(row.ComposedAt) }, tx);
            });
        return inserted;
    }

    public IReadOnlyList<EscalationNumber> EscalationNumbers()
    {
        using var c = Open();
        return c.Query<(string Series, int Number, string O, string U, string P, int Step, string At)>(
                "SELECT series, number, obligation, unit, period, step, recorded_at FROM escalation_numbers ORDER BY series, number")
            .Select(r => new EscalationNumber(r.Series, r.Number, new(r.O, r.U, r.P), r.Step, Parse(r.At))).ToList();
    }

    public IReadOnlyList<LedgerRow> RowsOf(OccurrenceKey key)
    {
        using var c = Open();
        return c.Query<Row>("SELECT * FROM ledger WHERE obligation = @o AND unit = @u AND period = @p ORDER BY composed_at, kind, step, channel, recipient",
                new { o = key.ObligationId, u = key.UnitId, p = key.Period })
            .Select(r => r.ToLedgerRow()).ToList();
    }

    public void Update(IReadOnlyList<LedgerRow> rows) =>
        Batch(rows, """
            UPDATE ledger SET status = $status, attempts = $attempts, next_attempt = $next_attempt, last_error = $last_error, sent_at = $sent_at
            WHERE obligation = $obligation AND unit = $unit AND period = $period AND kind = $kind AND step = $step AND channel = $channel AND recipient = $recipient
            """, (_, _, _, _) => { });

    // One transaction and one prepared statement per batch: a cycle at province scale writes thousands of rows.
    // Every column is bound; a statement reads the ones it names.
    private void Batch(IReadOnlyList<LedgerRow> rows, string sql, Action<LedgerRow, int, SqliteConnection, SqliteTransaction> done)
    {
        if (rows.Count == 0) return;
        using var c = Open();
        using var tx = c.BeginTransaction();
        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var parameters = Columns.Select(name => command.Parameters.Add(new SqliteParameter("$" + name, null))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            var values = Values(row);
            for (var i = 0; i < parameters.Length; i++) parameters[i].Value = values[i] ?? DBNull.Value;
            done(row, command.ExecuteNonQuery(), c, tx);
        }
        tx.Commit();
    }

    private static readonly string[] Columns = ["obligation", "unit", "period", "kind", "step", "channel", "recipient", "status", "attempts",
        "next_attempt", "last_error", "message_id", "late", "planned_send", "composed_at", "sent_at"];

    // In the order of Columns (the ledger table's own order).
    private static object?[] Values(LedgerRow r) =>
    [
        r.Key.ObligationId, r.Key.UnitId, r.Key.Period, r.Kind, r.Step, r.Channel, r.Recipient, StatusName(r.Status), r.Attempts,
        r.NextAttemptAt is { } n ? Text(n) : null, r.LastError, r.MessageId, r.Late ? 1 : 0,
        Text(r.PlannedSendAt), Text(r.ComposedAt), r.SentAt is { } s ? Text(s) : null,
    ];

    public long RecordProgress(string target, string unit, decimal value, LocalDate asOf, string? note, Instant recordedAt)
    {
        using var c = Open();
        return c.ExecuteScalar<long>(
            "INSERT INTO target_progress (target, unit, value, as_of, note, recorded_at) VALUES (@target, @unit, @value, @asOf, @note, @recordedAt); SELECT last_insert_rowid();",
            new { target, unit, value = value.ToString(CultureInfo.InvariantCulture), asOf = LocalDatePattern.Iso.Format(asOf), note, recordedAt = Text(recordedAt) });
    }

    public IReadOnlyList<ProgressRecord> Progress(string? target = null)
    {
        using var c = Open();
        return c.Query<(long Id, string Target, string Unit, string Value, string AsOf, string? Note, string RecordedAt)>(
                "SELECT id, target, unit, value, as_of, note, recorded_at FROM target_progress WHERE @target IS NULL OR target = @target ORDER BY target, unit, as_of, id",
                new { target })
            .Select(r => new ProgressRecord(r.Id, r.Target, r.Unit, decimal.Parse(r.Value, CultureInfo.InvariantCulture),
                LocalDatePattern.Iso.Parse(r.AsOf).Value, r.Note, Parse(r.RecordedAt)))
            .ToList();
    }

    /// <summary>The measurement with the latest as-of date on or before the given day; of equal dates, the last recorded.</summary>
    public (decimal Value, LocalDate AsOf)? Latest(string targetId, string unitId, LocalDate onOrBefore)
    {
        using var c = Open();
        var rows = c.Query<(string Value, string AsOf)>(
            "SELECT value, as_of FROM target_progress WHERE target = @targetId AND unit = @unitId AND as_of <= @day ORDER BY as_of DESC, id DESC LIMIT 1",
            new { targetId, unitId, day = LocalDatePattern.Iso.Format(onOrBefore) });
        return rows.Select(r => ((decimal, LocalDate)?)(decimal.Parse(r.Value, CultureInfo.InvariantCulture), LocalDatePattern.Iso.Parse(r.AsOf).Value)).FirstOrDefault();
    }

    public void Acknowledge(Acknowledgement a)
    {
        using var c = Open();
        c.Execute("INSERT OR REPLACE INTO acknowledgements VALUES (@o, @u, @p, @at, @by, @reason, @source)",
            new { o = a.Key.ObligationId, u = a.Key.UnitId, p = a.Key.Period, at = Text(a.Act.At), by = a.Act.By, reason = a.Act.Reason, source = a.Act.Source });
    }

    public IReadOnlyDictionary<OccurrenceKey, Acknowledgement> Acknowledgements()
    {
        using var c = Open();
        return c.Query<(string O, string U, string P, string At, string By, string? Reason, string Source)>(
                "SELECT obligation, unit, period, at, by, reason, source FROM acknowledgements")
            .Select(r => new Acknowledgement(new(r.O, r.U, r.P), new Act(r.By, Parse(r.At), r.Reason, r.Source)))
            .ToDictionary(a => a.Key);
    }

    public long RequestExtension(OccurrenceKey key, LocalDate until, Act requested)
    {
        using var c = Open();
        return c.ExecuteScalar<long>("""
            INSERT INTO extension_requests (obligation, unit, period, until, by, at, reason, source, status)
            VALUES (@o, @u, @p, @until, @by, @at, @reason, @source, 'pending'); SELECT last_insert_rowid();
            """, new { o = key.ObligationId, u = key.UnitId, p = key.Period, until = LocalDatePattern.Iso.Format(until),
                by = requested.By, at = Text(requested.At), reason = requested.Reason, source = requested.Source });
    }

    public IReadOnlyList<ExtensionRequest> Requests(RequestStatus? status = null)
    {
        using var c = Open();
        return c.Query<RequestRow>("SELECT * FROM extension_requests WHERE @status IS NULL OR status = @status ORDER BY id",
                new { status = status is { } s ? RequestStatuses.Name(s) : null })
            .Select(r => r.ToRequest()).ToList();
    }

    public bool Decide(long requestId, RequestStatus decision, Act decided, Extension? grant)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var changed = c.Execute("""
            UPDATE extension_requests SET status = @status, decided_by = @by, decided_at = @at, decision_reason = @reason, decision_source = @source
            WHERE id = @id AND status = 'pending'
            """, new { id = requestId, status = RequestStatuses.Name(decision), by = decided.By, at = Text(decided.At), reason = decided.Reason, source = decided.Source }, tx);
        if (changed != 1) return false;
        if (grant is not null) Extend(c, tx, grant);
        tx.Commit();
        return true;
    }

    public Reopening Reopen(OccurrenceKey key, Act act)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var k = new { o = key.ObligationId, u = key.UnitId, p = key.Period };
        var withdrawn = c.Query<(string At, string? By, string? Note, string Source)>(
                "SELECT at, by, note, source FROM submissions WHERE obligation = @o AND unit = @u AND period = @p", k, tx)
            .Select(r => new Submission(key, Parse(r.At), r.By, r.Note) { Source = r.Source }).FirstOrDefault();
        var id = c.ExecuteScalar<long>("""
            INSERT INTO reopenings (obligation, unit, period, at, by, reason, source, withdrawn_at, withdrawn_by, withdrawn_note)
            VALUES (@o, @u, @p, @at, @by, @reason, @source, @wAt, @wBy, @wNote); SELECT last_insert_rowid();
            """, new { k.o, k.u, k.p, at = Text(act.At), by = act.By, reason = act.Reason, source = act.Source,
                wAt = withdrawn is null ? null : Text(withdrawn.At), wBy = withdrawn?.By, wNote = withdrawn?.Note }, tx);
        c.Execute($"""
            INSERT INTO ledger_archive ({string.Join(", ", Columns)}, reopening)
              SELECT {string.Join(", ", Columns)}, @id FROM ledger WHERE obligation = @o AND unit = @u AND period = @p;
            DELETE FROM ledger WHERE obligation = @o AND unit = @u AND period = @p;
            DELETE FROM submissions WHERE obligation = @o AND unit = @u AND period = @p;
            DELETE FROM acknowledgements WHERE obligation = @o AND unit = @u AND period = @p;
            """, new { id, k.o, k.u, k.p }, tx);
        tx.Commit();
        return new Reopening(id, key, act, withdrawn);
    }

    public IReadOnlyList<Reopening> Reopenings()
    {
        using var c = Open();
        return c.Query<(long Id, string O, string U, string P, string At, string By, string? Reason, string Source, string? WAt, string? WBy, string? WNote)>(
                "SELECT id, obligation, unit, period, at, by, reason, source, withdrawn_at, withdrawn_by, withdrawn_note FROM reopenings ORDER BY id")
            .Select(r => new Reopening(r.Id, new(r.O, r.U, r.P), new Act(r.By, Parse(r.At), r.Reason, r.Source),
                r.WAt is null ? null : new Submission(new(r.O, r.U, r.P), Parse(r.WAt), r.WBy, r.WNote)))
            .ToList();
    }

    private sealed class RequestRow
    {
        public long id { get; set; }
        public string obligation { get; set; } = "";
        public string unit { get; set; } = "";
        public string period { get; set; } = "";
        public string until { get; set; } = "";
        public string by { get; set; } = "";
        public string at { get; set; } = "";
        public string? reason { get; set; }
        public string source { get; set; } = "";
        public string status { get; set; } = "";
        public string? decided_by { get; set; }
        public string? decided_at { get; set; }
        public string? decision_reason { get; set; }
        public string? decision_source { get; set; }

        public ExtensionRequest ToRequest() => new(id, new OccurrenceKey(obligation, unit, period), LocalDatePattern.Iso.Parse(until).Value,
            new Act(by, Parse(at), reason, source), RequestStatuses.Parse(status),
            decided_at is null ? null : new Act(decided_by ?? "", Parse(decided_at), decision_reason, decision_source ?? Sources.Cli));
    }

    private static readonly InstantPattern Pattern = InstantPattern.ExtendedIso;
    private static string Text(Instant i) => Pattern.Format(i);
    private static Instant Parse(string s) => Pattern.Parse(s).Value;

    private static readonly Dictionary<LedgerStatus, string> StatusNames = new()
    {
        [LedgerStatus.Pending] = "pending", [LedgerStatus.Sent] = "sent", [LedgerStatus.Folded] = "folded",
        [LedgerStatus.FailedFlagged] = "failed-flagged", [LedgerStatus.Cancelled] = "cancelled",
    };

    public static string StatusName(LedgerStatus status) => StatusNames[status];

    // Column-shaped row for Dapper; SQLite hands integers back as long.
    private sealed class Row
    {
        public string obligation { get; set; } = "";
        public string unit { get; set; } = "";
        public string period { get; set; } = "";
        public string kind { get; set; } = "";
        public long step { get; set; }
        public string channel { get; set; } = "";
        public string recipient { get; set; } = "";
        public string status { get; set; } = "";
        public long attempts { get; set; }
        public string? next_attempt { get; set; }
        public string? last_error { get; set; }
        public string? message_id { get; set; }
        public long late { get; set; }
        public string planned_send { get; set; } = "";
        public string composed_at { get; set; } = "";
        public string? sent_at { get; set; }

        public LedgerRow ToLedgerRow() => new(
            new OccurrenceKey(obligation, unit, period), kind, (int)step, recipient,
            StatusNames.First(p => p.Value == status).Key, (int)attempts,
            next_attempt is null ? null : Parse(next_attempt), last_error, message_id, late != 0,
            Parse(planned_send), Parse(composed_at), sent_at is null ? null : Parse(sent_at)) { Channel = channel };
    }
}
