namespace SciLiteracy.Compliance.State;

/// <summary>A message's rows held for one send. Disposed without <see cref="Complete"/> (a failed send, a crash), the rows are waiting again.</summary>
public interface ISendClaim : IDisposable
{
    /// <summary>Writes the delivery fields of the rows (sent, or retry) and releases them in one transaction.</summary>
    void Complete(IReadOnlyList<LedgerRow> rows);
}
