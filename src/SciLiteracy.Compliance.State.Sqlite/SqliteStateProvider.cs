using Microsoft.Data.Sqlite;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.State.Sqlite;

/// <summary>State:Provider <c>sqlite</c>: the state in one file (Compliance:StateFile), throw-away files in the temp folder.</summary>
public sealed class SqliteStateProvider : IStateStoreProvider
{
    public const string ProviderName = "sqlite";

    public string Name => ProviderName;

    public IStateStore Open(string location, bool throwAway = false)
    {
        try { return new SqliteStateStore(location, durable: !throwAway); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            throw new StateFileException($"{location}: error: cannot open the state file: {e.Message}", e);
        }
    }

    // SQLITE_READONLY 8, SQLITE_IOERR 10, SQLITE_FULL 13, SQLITE_CANTOPEN 14: the extended codes keep the primary one in the low byte.
    public bool IsStorageFault(Exception e) => e is SqliteException { SqliteErrorCode: var code } && (code & 0xFF) is 8 or 10 or 13 or 14;

    /// <summary>A file without fsync per commit in a folder of its own, deleted with its pooled connections on dispose.</summary>
    public ScratchState OpenScratch()
    {
        var folder = Path.Combine(Path.GetTempPath(), "scilit-scratch-" + Guid.NewGuid().ToString("N"));
        var store = new SqliteStateStore(Path.Combine(folder, "state.db"), durable: false);
        return new ScratchState(store, () =>
        {
            store.ReleaseConnections();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        });
    }
}
