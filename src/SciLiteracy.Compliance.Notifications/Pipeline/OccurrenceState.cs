using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

public enum OccurrenceState { Open, Submitted, Extended, Overdue }
