using NodaTime;

namespace SciLiteracy.Compliance.State;

/// <summary>
/// A store shared by several workers (PostgreSQL) hands out the right to send a message: a worker sends only the rows it
/// holds, so two workers never send the same row, and a submission, acknowledgement, extension or reopening made through
/// any worker waits for a send in flight and stops every later one. A store used by one process needs none.
/// </summary>
public interface ILedgerClaims
{
    /// <summary>
    /// The message's waiting rows, held by this worker until the claim is disposed; null when another worker holds any of
    /// them, or one of their occurrences has been submitted (by <paramref name="now"/>, the cycle's moment) since the cycle read the state.
    /// </summary>
    ISendClaim? Claim(string messageId, Instant now);
}
