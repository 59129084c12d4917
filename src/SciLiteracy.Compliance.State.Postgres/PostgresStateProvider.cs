namespace SciLiteracy.Compliance.State.Postgres;

/// <summary>
/// State:Provider <c>postgres</c>: the state in the office's PostgreSQL database (the location is its connection string,
/// State:ConnectionString). Throw-away stores come from <paramref name="scratch"/>: `simulate` needs no shared database.
/// </summary>
public sealed class PostgresStateProvider(Func<ScratchState> scratch) : IStateStoreProvider
{
    public const string ProviderName = "postgres";

    public string Name => ProviderName;

    public IStateStore Open(string location, bool throwAway = false) => new PostgresStateStore(location);

    public ScratchState OpenScratch() => scratch();

    // disk_full 53100, io_error 58030, read_only_sql_transaction 25006 (a standby after a failover): the server's storage, not our data.
    public bool IsStorageFault(Exception e) => e is Npgsql.PostgresException { SqlState: "53100" or "58030" or "25006" };
}
