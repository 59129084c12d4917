using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Postgres;

namespace SciLiteracy.Compliance.Tests.State.Postgres;

/// <summary>The store contract against a real PostgreSQL server, one fresh database per test.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStateStoreContractTests(PostgresClusterFixture cluster) : StateStoreContract, IDisposable
{
    private readonly string database = cluster.NewDatabase();
    private readonly List<PostgresStateStore> opened = [];

    protected override IStateStore Open()
    {
        var store = new PostgresStateStore(database);
        opened.Add(store);
        return store;
    }

    public void Dispose() => opened.ForEach(s => s.Dispose());
}
