
namespace SciLiteracy.Compliance.Notifications.Pipeline;

public enum OccurrenceState { Open, Submitted, Extended, Overdue }
