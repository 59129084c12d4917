using Microsoft.Extensions.Configuration;
using Quartz;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Composition;

/// <summary>
/// A state store provider with what goes with it: where its store is (<see cref="LocationOf"/>: the state file, or a
/// connection string), whether several workers share it (<see cref="Shared"/>: no one-worker lock, no path checks of a
/// file, Quartz clustered in it), and Quartz's job store for it (<see cref="UseForScheduler"/>, given the location).
/// </summary>
public sealed record StateProviderRegistration(
    IStateStoreProvider Store,
    Func<IConfiguration, string, string> LocationOf,
    bool Shared,
    Action<IPersistentStoreBuilder, string, IConfiguration> UseForScheduler);
