namespace SciLiteracy.Compliance.State;

/// <summary>
/// A kind of state store, chosen by State:Provider in the composition root: opens the service's store and throw-away
/// ones for `simulate` and `test-rules`. SQLite today; a PostgreSQL provider implements the same.
/// </summary>
public interface IStateStoreProvider
{
    /// <summary>The State:Provider value that selects it, e.g. <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Opens (creating and migrating) the store at <paramref name="location"/>; a store it cannot use is a <see cref="StateFileException"/>.</summary>
    /// <param name="throwAway">A store whose loss costs nothing (tests, benchmarks): it may skip flushing every commit to disk.</param>
    IStateStore Open(string location, bool throwAway = false);

    /// <summary>A store for one run of `simulate` or a rule test, gone when disposed.</summary>
    ScratchState OpenScratch();

    /// <summary>
    /// Whether <paramref name="e"/> is this store saying the storage under it failed (full, an I/O error, gone read-only),
    /// as opposed to a fault of the data or the code: the worker then stays up, says so once a minute and retries.
    /// </summary>
    bool IsStorageFault(Exception e) => false;
}
