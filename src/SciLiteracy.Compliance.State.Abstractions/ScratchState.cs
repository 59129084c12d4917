namespace SciLiteracy.Compliance.State;

/// <summary>A throw-away store (`simulate`, rule tests, benchmarks): removed, with whatever it holds open, on dispose.</summary>
public sealed class ScratchState(IStateStore store, Action remove) : IDisposable
{
    public IStateStore Store => store;

    public void Dispose() => remove();
}
