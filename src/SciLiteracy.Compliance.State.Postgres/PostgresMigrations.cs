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
        // Schema 2 (issue 12, as the SQLite file's version 3): the ledger's identity includes the channel (rows before were
        // email); who and from where for submissions and extensions; 签收, extension requests and 退办 with the ledger
        // rows a reopening archives. New columns go last: the ledger's column order is what Unnest writes.
        (2, """
            ALTER TABLE submissions ADD COLUMN source text NOT NULL DEFAULT 'cli';
            ALTER TABLE extensions ADD COLUMN source text NOT NULL DEFAULT 'cli';
            ALTER TABLE extensions ADD COLUMN by text NULL;
            ALTER TABLE ledger ADD COLUMN channel text COLLATE "C" NOT NULL DEFAULT 'email';
            ALTER TABLE ledger DROP CONSTRAINT ledger_pkey;
            ALTER TABLE ledger ADD PRIMARY KEY (obligation, unit, period, kind, step, channel, recipient_key);
            CREATE TABLE ledger_archive (LIKE ledger INCLUDING DEFAULTS, reopening bigint NOT NULL);
            CREATE TABLE acknowledgements (
              obligation text COLLATE "C" NOT NULL, unit text COLLATE "C" NOT NULL, period text COLLATE "C" NOT NULL,
              at timestamptz NOT NULL, by text NOT NULL, reason text NULL, source text NOT NULL,
              PRIMARY KEY (obligation, unit, period));
            CREATE TABLE extension_requests (
              id bigserial PRIMARY KEY, obligation text COLLATE "C" NOT NULL, unit text COLLATE "C" NOT NULL, period text COLLATE "C" NOT NULL,
              until date NOT NULL, by text NOT NULL, at timestamptz NOT NULL, reason text NULL, source text NOT NULL,
              status text NOT NULL, decided_by text NULL, decided_at timestamptz NULL, decision_reason text NULL, decision_source text NULL);
            CREATE TABLE reopenings (
              id bigserial PRIMARY KEY, obligation text COLLATE "C" NOT NULL, unit text COLLATE "C" NOT NULL, period text COLLATE "C" NOT NULL,
              at timestamptz NOT NULL, by text NOT NULL, reason text NULL, source text NOT NULL,
              withdrawn_at timestamptz NULL, withdrawn_by text NULL, withdrawn_note text NULL);
            """),
        // Schema 3 (issue 16, as the SQLite file's version 4): the numbers of the 督办单, one per (occurrence, escalation
        // step) and gap-free per series; extensions count how many were granted (a calendar invitation's SEQUENCE).
        (3, """
            ALTER TABLE extensions ADD COLUMN granted integer NOT NULL DEFAULT 1;
            CREATE TABLE escalation_numbers (
              series text COLLATE "C" NOT NULL, number integer NOT NULL,
              obligation text COLLATE "C" NOT NULL, unit text COLLATE "C" NOT NULL, period text COLLATE "C" NOT NULL,
              step integer NOT NULL, recorded_at timestamptz NOT NULL,
              PRIMARY KEY (series, number), UNIQUE (obligation, unit, period, step));
            """),
    ];

    public static int Latest => Steps[^1].Version;
}
