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
    public const int SchemaVersion = 2;

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
        Migrate();
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
            CREATE TABLE IF NOT EXISTS ledger (
              obligation TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL,
              kind TEXT NOT NULL, step INTEGER NOT NULL, recipient TEXT NOT NULL COLLATE NOCASE,
              status TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt TEXT NULL, last_error TEXT NULL,
              message_id TEXT NULL, late INTEGER NOT NULL, planned_send TEXT NOT NULL, composed_at TEXT NOT NULL, sent_at TEXT NULL,
              PRIMARY KEY (obligation, unit, period, kind, step, recipient));
            CREATE INDEX IF NOT EXISTS ledger_status ON ledger (status);
            CREATE TABLE IF NOT EXISTS target_progress (
              id INTEGER PRIMARY KEY AUTOINCREMENT, target TEXT NOT NULL, unit TEXT NOT NULL,
              value TEXT NOT NULL,  -- decimal as invariant text: no binary rounding of 16.3 %
              as_of TEXT NOT NULL, note TEXT NULL, recorded_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS target_progress_latest ON target_progress (target, unit, as_of);
            """, transaction: tx);
        connection.Execute($"PRAGMA user_version = {SchemaVersion};", transaction: tx);
        tx.Commit();
    }

    public void Submit(Submission s)
    {
        using var c = Open();
        c.Execute("INSERT OR REPLACE INTO submissions VALUES (@o, @u, @p, @at, @by, @note)",
            new { o = s.Key.ObligationId, u = s.Key.UnitId, p = s.Key.Period, at = Text(s.At), by = s.By, note = s.Note });
    }

    public void Extend(Extension e)
    {
        using var c = Open();
        c.Execute("INSERT OR REPLACE INTO extensions VALUES (@o, @u, @p, @until, @reason, @at)",
            new { o = e.Key.ObligationId, u = e.Key.UnitId, p = e.Key.Period, until = LocalDatePattern.Iso.Format(e.Until), reason = e.Reason, at = Text(e.At) });
    }

    public IReadOnlyDictionary<OccurrenceKey, Submission> Submissions()
    {
        using var c = Open();
        return c.Query<(string O, string U, string P, string At, string? By, string? Note)>("SELECT obligation, unit, period, at, by, note FROM submissions")
            .Select(r => new Submission(new(r.O, r.U, r.P), Parse(r.At), r.By, r.Note))
            .ToDictionary(s => s.Key);
    }

    public IReadOnlyDictionary<OccurrenceKey, Extension> Extensions()
    {
        using var c = Open();
        return c.Query<(string O, string U, string P, string Until, string Reason, string At)>("SELECT obligation, unit, period, until, reason, at FROM extensions")
            .Select(r => new Extension(new(r.O, r.U, r.P), LocalDatePattern.Iso.Parse(r.Until).Value, r.Reason, Parse(r.At)))
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
        return c.Query<Row>("SELECT * FROM ledger ORDER BY composed_at, message_id, obligation, unit, period, kind, step, recipient")
            .Select(r => r.ToLedgerRow()).ToList();
    }

    public IReadOnlyList<LedgerRow> Waiting()
    {
        using var c = Open();
        // Served by the ledger_status index: a cycle's cost no longer grows with the rows already sent.
        return c.Query<Row>("SELECT * FROM ledger WHERE status IN ('pending', 'failed-flagged') ORDER BY composed_at, message_id, obligation, unit, period, kind, step, recipient")
            .Select(r => r.ToLedgerRow()).ToList();
    }

    public HashSet<(OccurrenceKey, string, int, string)> Identities()
    {
        using var c = Open();
        var result = new HashSet<(OccurrenceKey, string, int, string)>();
        // A year of a province is millions of rows over a few thousand distinct names: share one string per name.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string s) => names.TryGetValue(s, out var known) ? known : names[s] = s;
        using var reader = c.ExecuteReader("SELECT obligation, unit, period, kind, step, recipient FROM ledger");
        while (reader.Read())
            result.Add((new OccurrenceKey(Shared(reader.GetString(0)), Shared(reader.GetString(1)), Shared(reader.GetString(2))),
                Shared(reader.GetString(3)), reader.GetInt32(4), Shared(reader.GetString(5).ToLowerInvariant())));
        return result;
    }

    public IReadOnlyList<LedgerRow> Message(string messageId)
    {
        using var c = Open();
        return c.Query<Row>("SELECT * FROM ledger WHERE message_id = @messageId ORDER BY obligation, unit, period, kind, step, recipient", new { messageId })
            .Select(r => r.ToLedgerRow()).ToList();
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

    public IReadOnlyList<LedgerRow> Record(IReadOnlyList<LedgerRow> rows)
    {
        var inserted = new List<LedgerRow>();
        Batch(rows, """
            INSERT OR IGNORE INTO ledger VALUES ($obligation, $unit, $period, $kind, $step, $recipient, $status, $attempts,
              $next_attempt, $last_error, $message_id, $late, $planned_send, $composed_at, $sent_at)
            """, (row, changed) => { if (changed == 1) inserted.Add(row); });
        return inserted;
    }

    public void Update(IReadOnlyList<LedgerRow> rows) =>
        Batch(rows, """
            UPDATE ledger SET status = $status, attempts = $attempts, next_attempt = $next_attempt, last_error = $last_error, sent_at = $sent_at
            WHERE obligation = $obligation AND unit = $unit AND period = $period AND kind = $kind AND step = $step AND recipient = $recipient
            """, (_, _) => { });

    // One transaction and one prepared statement per batch: a cycle at province scale writes thousands of rows.
    // Every column is bound; a statement reads the ones it names.
    private void Batch(IReadOnlyList<LedgerRow> rows, string sql, Action<LedgerRow, int> done)
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
            done(row, command.ExecuteNonQuery());
        }
        tx.Commit();
    }

    private static readonly string[] Columns = ["obligation", "unit", "period", "kind", "step", "recipient", "status", "attempts",
        "next_attempt", "last_error", "message_id", "late", "planned_send", "composed_at", "sent_at"];

    // In the order of Columns (the ledger table's own order).
    private static object?[] Values(LedgerRow r) =>
    [
        r.Key.ObligationId, r.Key.UnitId, r.Key.Period, r.Kind, r.Step, r.Recipient, StatusName(r.Status), r.Attempts,
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
            Parse(planned_send), Parse(composed_at), sent_at is null ? null : Parse(sent_at));
    }
}
