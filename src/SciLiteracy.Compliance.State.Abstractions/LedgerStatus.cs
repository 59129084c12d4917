
namespace SciLiteracy.Compliance.State;

public enum LedgerStatus { Pending, Sent, Folded, FailedFlagged, Cancelled }
