namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>The tests that use the run's one throwaway PostgreSQL server (each in its own database); they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres";
}
