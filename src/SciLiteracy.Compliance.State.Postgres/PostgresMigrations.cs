namespace SciLiteracy.Compliance.State.Postgres;

/// <summary>
/// The schema as numbered steps, applied in order at start (table schema_version says which have run).
/// Text columns that are sorted use COLLATE "C", so rows come back in the byte order the SQLite file gives,
/// whatever locale the database was created with; every moment is timestamptz (UTC).
/// </summary>
public static class PostgresMigrations
{
    public static readonly IReadOnlyList<(int Version, string Sql)> Steps =
    [
        (1, """
            CREATE TABLE meta (name text COLLATE "C" PRIMARY KEY, value timestamptz NOT NULL);
            CREATE TABLE submissions (
              obligation text COLLATE "C" NOT NULL, unit text COLLATE "C" NOT NULL, period text COLLATE "C" NOT NULL,
              at timestamptz NOT NULL, by text NULL, note text NULL,
              PRIMARY KEY (obligation, unit, period));
            CREATE TABLE extensions (
              obligation text COLLATE "C" NOT NULL, unit text COLLATE "C" NOT NULL, period text COLLATE "C" NOT NULL,
              until date NOT NULL, reason text NOT NULL, at timestamptz NOT NULL,
              PRIMARY KEY (obligation, unit, period));
            -- recipient_key is the recipient in lower case (as the store lowers it), so one address in two spellings is one row.
            CREATE TABLE ledger (
              obligation text COLLATE "C" NOT NULL, unit text COLLATE "C" NOT NULL, period text COLLATE "C" NOT NULL,
              kind text COLLATE "C" NOT NULL, step integer NOT NULL,
              recipient text NOT NULL, recipient_key text COLLATE "C" NOT NULL,
              status text NOT NULL, attempts integer NOT NULL, next_attempt timestamptz NULL, last_error text NULL,
              message_id text COLLATE "C" NULL, late boolean NOT NULL,
              planned_send timestamptz NOT NULL, composed_at timestamptz NOT NULL, sent_at timestamptz NULL,
              PRIMARY KEY (obligation, unit, period, kind, step, recipient_key));
            -- The outbox (pending, failed-flagged) is read every cycle; a partial index keeps that independent of rows sent.
            CREATE INDEX ledger_waiting ON ledger (composed_at) WHERE status IN ('pending', 'failed-flagged');
            CREATE INDEX ledger_message ON ledger (message_id);
            CREATE TABLE target_progress (
              id bigserial PRIMARY KEY, target text COLLATE "C" NOT NULL, unit text COLLATE "C" NOT NULL,
              value numeric NOT NULL, as_of date NOT NULL, note text NULL, recorded_at timestamptz NOT NULL);
            CREATE INDEX target_progress_latest ON target_progress (target, unit, as_of);
            """),
    ];

    public static int Latest => Steps[^1].Version;
}
