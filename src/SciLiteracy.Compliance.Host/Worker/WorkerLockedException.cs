namespace SciLiteracy.Compliance.Worker;

/// <summary>Another `scilit run` holds the state file; its pid when it could be read.</summary>
public sealed class WorkerLockedException(string stateFile, int? holderPid) : Exception(
    $"{stateFile}: error: another scilit run{(holderPid is { } pid ? $" (pid {pid})" : "")} is already working on this state file; " +
    "stop it first, or set Compliance:Clustered=true for workers that share a clustered store")
{
    public int? HolderPid { get; } = holderPid;
}
