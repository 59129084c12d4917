using Microsoft.Data.Sqlite;
using Quartz;

namespace SciLiteracy.Compliance.State.Sqlite;

/// <summary>
/// Quartz's job store for State:Provider <c>sqlite</c>: a sibling file of the state file, so that its row locks never
/// wait on the ledger's writes.
/// </summary>
public static class SqliteSchedulerStore
{
    public static string FileFor(string stateFile) =>
        Path.Combine(Path.GetDirectoryName(stateFile) ?? "", Path.GetFileNameWithoutExtension(stateFile) + ".quartz.db");

    public static void Use(IPersistentStoreBuilder store, string stateFile)
    {
        var file = Path.GetFullPath(FileFor(stateFile));
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        store.UseSqlite(SqliteFactory.Instance, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
    }
}
