using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;

namespace SciLiteracy.Compliance.Tests.State.Sqlite;

/// <summary>The store contract against a real SQLite file, one per test.</summary>
public sealed class SqliteStateStoreContractTests : StateStoreContract, IDisposable
{
    private readonly TempDir temp = new();

    protected override IStateStore Open() => new SqliteStateStore(temp["state/compliance.db"]);

    public void Dispose() => temp.Dispose();
}
