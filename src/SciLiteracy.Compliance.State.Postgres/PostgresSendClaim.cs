using Dapper;
using Npgsql;

namespace SciLiteracy.Compliance.State.Postgres;

/// <summary>
/// The claim is a transaction holding the message's rows FOR UPDATE while the message is sent. A worker that dies
/// loses its connection and with it the claim; one that hangs loses it after the lease (idle_in_transaction_session_timeout).
/// </summary>
internal sealed class PostgresSendClaim(NpgsqlConnection connection, NpgsqlTransaction transaction, Action<NpgsqlConnection, NpgsqlTransaction, IReadOnlyList<LedgerRow>> update)
    : ISendClaim
{
    private bool completed;

    public void Complete(IReadOnlyList<LedgerRow> rows)
    {
        if (completed) throw new InvalidOperationException("a claim is completed once");
        update(connection, transaction, rows);
        transaction.Commit();
        completed = true;
    }

    public void Dispose()
    {
        if (!completed)
        {
            try { transaction.Rollback(); }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException) { } // the connection is gone, and the claim with it
        }
        transaction.Dispose();
        connection.Dispose();
    }
}
