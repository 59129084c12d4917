namespace SciLiteracy.Compliance.State;

/// <summary>A ledger status as every store writes it (and `status --json` shows it): pending, sent, folded, failed-flagged, cancelled.</summary>
public static class LedgerStatusNames
{
    private static readonly Dictionary<LedgerStatus, string> Names = new()
    {
        [LedgerStatus.Pending] = "pending", [LedgerStatus.Sent] = "sent", [LedgerStatus.Folded] = "folded",
        [LedgerStatus.FailedFlagged] = "failed-flagged", [LedgerStatus.Cancelled] = "cancelled",
    };

    public static string Name(LedgerStatus status) => Names[status];

    public static LedgerStatus Parse(string name) => Names.First(p => p.Value == name).Key;
}
