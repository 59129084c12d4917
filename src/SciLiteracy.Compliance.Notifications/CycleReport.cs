
namespace SciLiteracy.Compliance.Notifications;

public sealed record CycleReport(int Recorded, int Sent, int Failed, int Folded);
