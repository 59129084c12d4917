using Quartz;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;

namespace SciLiteracy.Compliance.Composition;

/// <summary>A state store provider with the Quartz job store that goes with it (the triggers live beside the state).</summary>
public sealed record StateProviderRegistration(IStateStoreProvider Store, Action<IPersistentStoreBuilder, string> UseForScheduler);

/// <summary>
/// The one place a State:Provider name becomes a store: a PostgreSQL provider is one more entry here (its project
/// implementing <see cref="IStateStoreProvider"/>), and nothing in the pipeline changes.
/// </summary>
public static class StateProviders
{
    public static StateProviderRegistration For(string name) => name switch
    {
        SqliteStateProvider.ProviderName => new(new SqliteStateProvider(), SqliteSchedulerStore.Use),
        _ => throw new SettingsException($"State:Provider: '{name}' is not a state store this build has; known: {SqliteStateProvider.ProviderName}"),
    };
}
