using SciLiteracy.Compliance.State.Postgres;
using SciLiteracy.Compliance.State.Sqlite;

namespace SciLiteracy.Compliance.Composition;

/// <summary>
/// The one place a State:Provider name becomes a store: a further provider is one more entry here (its project
/// implementing <see cref="State.IStateStoreProvider"/>), and nothing in the pipeline changes.
/// </summary>
public static class StateProviders
{
    private static readonly State.IStateStoreProvider[] Known = [new SqliteStateProvider(), new PostgresStateProvider(() => throw new InvalidOperationException())];

    /// <summary>Whether any store this build has would call <paramref name="e"/> a failure of its storage (<see cref="State.IStateStoreProvider.IsStorageFault"/>).</summary>
    public static bool IsStorageFault(Exception e) => Known.Any(p => p.IsStorageFault(e));

    public static StateProviderRegistration For(string name) => name switch
    {
        // The state file (--state, Compliance:StateFile); Quartz's triggers in a sibling file when clustered.
        SqliteStateProvider.ProviderName => new(new SqliteStateProvider(), (_, stateFile) => stateFile, Shared: false,
            (store, stateFile, _) => SqliteSchedulerStore.Use(store, stateFile)),
        // The office's database (State:ConnectionString), shared by every worker; Quartz clustered in it (docs/deploy.md).
        // Throw-away state (simulate, rule tests) needs no shared database: a scratch SQLite file.
        PostgresStateProvider.ProviderName => new(new PostgresStateProvider(() => new SqliteStateProvider().OpenScratch()),
            (configuration, _) => configuration["State:ConnectionString"] ?? "", Shared: true, ClusteredPostgresJobStore.Use),
        _ => throw new SettingsException($"State:Provider: '{name}' is not a state store this build has; known: " +
            $"{SqliteStateProvider.ProviderName}, {PostgresStateProvider.ProviderName}"),
    };
}
