using NodaTime;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.State.Postgres;

/// <summary>
/// A ledger row as the table's columns: read by Dapper, and written as one array per column
/// (<see cref="Unnest"/>), so a batch of thousands of rows is one statement.
/// </summary>
internal sealed class PostgresLedgerColumns
{
    public string obligation { get; set; } = "";
    public string unit { get; set; } = "";
    public string period { get; set; } = "";
    public string kind { get; set; } = "";
    public int step { get; set; }
    public string recipient { get; set; } = "";
    public string status { get; set; } = "";
    public int attempts { get; set; }
    public DateTime? next_attempt { get; set; }
    public string? last_error { get; set; }
    public string? message_id { get; set; }
    public bool late { get; set; }
    public DateTime planned_send { get; set; }
    public DateTime composed_at { get; set; }
    public DateTime? sent_at { get; set; }
    public string channel { get; set; } = ChannelNames.Email;

    public LedgerRow ToLedgerRow() => new(
        new OccurrenceKey(obligation, unit, period), kind, step, recipient, LedgerStatusNames.Parse(status), attempts,
        next_attempt is { } n ? PostgresStateStore.Moment(n) : null, last_error, message_id, late,
        PostgresStateStore.Moment(planned_send), PostgresStateStore.Moment(composed_at), sent_at is { } s ? PostgresStateStore.Moment(s) : null) { Channel = channel };

    /// <summary>The rows of the parameters of <see cref="Arrays"/>, as a table named u in the ledger's column order.</summary>
    public const string Unnest = """
        unnest(@obligation::text[], @unit::text[], @period::text[], @kind::text[], @step::integer[], @recipient::text[], @recipient_key::text[],
               @status::text[], @attempts::integer[], @next_attempt::timestamptz[], @last_error::text[], @message_id::text[], @late::boolean[],
               @planned_send::timestamptz[], @composed_at::timestamptz[], @sent_at::timestamptz[], @channel::text[])
          AS u(obligation, unit, period, kind, step, recipient, recipient_key, status, attempts, next_attempt, last_error, message_id, late,
               planned_send, composed_at, sent_at, channel)
        """;

    public static object Arrays(IReadOnlyList<LedgerRow> rows) => new
    {
        obligation = rows.Select(r => r.Key.ObligationId).ToArray(),
        unit = rows.Select(r => r.Key.UnitId).ToArray(),
        period = rows.Select(r => r.Key.Period).ToArray(),
        kind = rows.Select(r => r.Kind).ToArray(),
        step = rows.Select(r => r.Step).ToArray(),
        recipient = rows.Select(r => r.Recipient).ToArray(),
        recipient_key = rows.Select(r => r.Identity.Address).ToArray(),
        status = rows.Select(r => LedgerStatusNames.Name(r.Status)).ToArray(),
        attempts = rows.Select(r => r.Attempts).ToArray(),
        next_attempt = rows.Select(r => Utc(r.NextAttemptAt)).ToArray(),
        last_error = rows.Select(r => r.LastError).ToArray(),
        message_id = rows.Select(r => r.MessageId).ToArray(),
        late = rows.Select(r => r.Late).ToArray(),
        planned_send = rows.Select(r => PostgresStateStore.Utc(r.PlannedSendAt)).ToArray(),
        composed_at = rows.Select(r => PostgresStateStore.Utc(r.ComposedAt)).ToArray(),
        sent_at = rows.Select(r => Utc(r.SentAt)).ToArray(),
        channel = rows.Select(r => r.Channel).ToArray(),
    };

    private static DateTime? Utc(Instant? at) => at is { } a ? PostgresStateStore.Utc(a) : null;
}
