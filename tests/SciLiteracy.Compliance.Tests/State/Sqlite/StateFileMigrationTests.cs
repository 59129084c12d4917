using System.Diagnostics;
using System.Text.Json;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;

namespace SciLiteracy.Compliance.Tests.State.Sqlite;

/// <summary>
/// A state file written by the release before channels (schema 2): <c>Fixtures/state-schema2.db</c> was filled by that
/// release's scilit with submit, extend, progress record and a `run` on a virtual clock (see Fixtures/README.md).
/// It opens, migrates to the current schema, and keeps every submission, extension, measurement and ledger row.
/// </summary>
public sealed class StateFileMigrationTests
{
    private static readonly string Fixture = Repo.Path("tests", "SciLiteracy.Compliance.Tests", "State", "Sqlite", "Fixtures", "state-schema2.db");

    [Fact]
    public void A_schema_2_state_file_opens_migrates_and_keeps_its_submissions_extensions_progress_and_ledger()
    {
        using var temp = new TempDir();
        var file = temp["compliance.db"];
        File.Copy(Fixture, file);
        var before = Dump(file);
        Assert.Equal(2, before.GetProperty("version").GetInt32());
        var oldLedger = before.GetProperty("ledger").EnumerateArray().ToList();
        Assert.NotEmpty(oldLedger);

        var store = new SqliteStateStore(file);

        Assert.Equal(SqliteStateStore.SchemaVersion, Dump(file).GetProperty("version").GetInt32());
        var submission = Assert.Single(store.Submissions().Values);
        Assert.Equal(("xunwu.yearly-report/jiaoketi/2025", "王明", "寻科字〔2025〕12号", Sources.Cli),
            (submission.Key.ToString(), submission.By, submission.Note, submission.Source));
        var extension = Assert.Single(store.Extensions().Values);
        Assert.Equal(("xunwu.yearly-report/kechuang/2025", "2026-01-10", "材料补充", (string?)null),
            (extension.Key.ToString(), extension.Until.ToString("uuuu-MM-dd", null), extension.Reason, extension.By));
        Assert.Equal(("renshe", 3m), (Assert.Single(store.Progress()).Unit, store.Progress()[0].Value));

        var ledger = store.Ledger();
        Assert.Equal(oldLedger.Count, ledger.Count);
        Assert.All(ledger, r => Assert.Equal("email", r.Channel));
        string Row(string obligation, string unit, string period, string kind, long step, string recipient, string status, string? messageId, string? sentAt) =>
            $"{obligation}/{unit}/{period} {kind}#{step} {recipient} {status} {messageId} {sentAt}";
        Assert.Equal(
            oldLedger.Select(r => Row(r.GetProperty("obligation").GetString()!, r.GetProperty("unit").GetString()!, r.GetProperty("period").GetString()!,
                r.GetProperty("kind").GetString()!, r.GetProperty("step").GetInt64(), r.GetProperty("recipient").GetString()!, r.GetProperty("status").GetString()!,
                r.GetProperty("message_id").GetString(), r.GetProperty("sent_at").GetString())).Order(StringComparer.Ordinal),
            ledger.Select(r => Row(r.Key.ObligationId, r.Key.UnitId, r.Key.Period, r.Kind, r.Step, r.Recipient, SqliteStateStore.StatusName(r.Status),
                r.MessageId, r.SentAt is { } s ? NodaTime.Text.InstantPattern.ExtendedIso.Format(s) : null)).Order(StringComparer.Ordinal));
        // Dedupe knows every old row, on the email channel: nothing already sent is sent again.
        Assert.Equal(ledger.Select(r => r.Identity).ToHashSet(), store.Identities());
        // A second open finds the current schema and changes nothing.
        Assert.Equal(ledger.Count, new SqliteStateStore(file).Ledger().Count);
    }

    /// <summary>The file as SQLite itself reads it (Python's sqlite3), independent of the store under test.</summary>
    private static JsonElement Dump(string file)
    {
        const string script = """
            import json, sqlite3, sys
            c = sqlite3.connect(sys.argv[1]); c.row_factory = sqlite3.Row
            print(json.dumps({"version": c.execute("PRAGMA user_version").fetchone()[0],
                "ledger": [dict(r) for r in c.execute("SELECT * FROM ledger")]}, ensure_ascii=False))
            """;
        using var p = Process.Start(new ProcessStartInfo(SmtpServerFixture.Python, ["-c", script, file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = System.Text.Encoding.UTF8,
        })!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}
