using Dapper;
using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Host.Progress;

/// <summary>One measurement of a target's indicator, as `scilit progress record` stored it.</summary>
public sealed record ProgressRecord(long Id, string Target, string Unit, decimal Value, LocalDate AsOf, string? Note, Instant RecordedAt);

/// <summary>
/// Progress towards targets in the state file (SQLite). The table is this class's own and is created when missing,
/// so it lives beside whatever else the state file holds.
/// </summary>
public sealed class ProgressStore : IProgressSource
{
    private readonly string connectionString;

    public ProgressStore(string stateFile)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(stateFile));
        if (!string.IsNullOrEmpty(directory)) System.IO.Directory.CreateDirectory(directory);
        connectionString = new SqliteConnectionStringBuilder { DataSource = stateFile, Pooling = false }.ToString();
        using var connection = Open();
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS target_progress (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                target      TEXT NOT NULL,
                unit        TEXT NOT NULL,
                value       TEXT NOT NULL,  -- decimal as invariant text: no binary rounding of 16.3 %
                as_of       TEXT NOT NULL,  -- yyyy-MM-dd
                note        TEXT,
                recorded_at TEXT NOT NULL   -- ISO instant
            );
            CREATE INDEX IF NOT EXISTS target_progress_latest ON target_progress (target, unit, as_of);
            """);
    }

    public long Record(string target, string unit, decimal value, LocalDate asOf, string? note, Instant recordedAt)
    {
        using var connection = Open();
        return connection.ExecuteScalar<long>(
            "INSERT INTO target_progress (target, unit, value, as_of, note, recorded_at) VALUES (@target, @unit, @value, @asOf, @note, @recordedAt); SELECT last_insert_rowid();",
            new { target, unit, value = value.ToString(System.Globalization.CultureInfo.InvariantCulture), asOf = Date(asOf), note, recordedAt = InstantPattern.ExtendedIso.Format(recordedAt) });
    }

    public IReadOnlyList<ProgressRecord> List(string? target = null)
    {
        using var connection = Open();
        return connection.Query<Row>(
                "SELECT id, target, unit, value, as_of AS asOf, note, recorded_at AS recordedAt FROM target_progress WHERE @target IS NULL OR target = @target ORDER BY target, unit, as_of, id",
                new { target })
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The measurement with the latest as-of date on or before the given day; of equal dates, the last recorded.</summary>
    public (decimal Value, LocalDate AsOf)? Latest(string targetId, string unitId, LocalDate onOrBefore)
    {
        using var connection = Open();
        var row = connection.QueryFirstOrDefault<Row>(
            "SELECT id, target, unit, value, as_of AS asOf, note, recorded_at AS recordedAt FROM target_progress WHERE target = @targetId AND unit = @unitId AND as_of <= @day ORDER BY as_of DESC, id DESC LIMIT 1",
            new { targetId, unitId, day = Date(onOrBefore) });
        return row is null ? null : (row.ToRecord().Value, row.ToRecord().AsOf);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private sealed record Row(long Id, string Target, string Unit, string Value, string AsOf, string? Note, string RecordedAt)
    {
        public ProgressRecord ToRecord() => new(Id, Target, Unit, decimal.Parse(Value, System.Globalization.CultureInfo.InvariantCulture),
            LocalDatePattern.Iso.Parse(AsOf).Value, Note, InstantPattern.ExtendedIso.Parse(RecordedAt).Value);
    }
}
