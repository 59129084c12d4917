namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>
/// Every kind of notification: the ladder's steps (remind, urge, escalate), a target's at-risk notices, the office's
/// weekly summary, the notice of a message that could not be delivered (flag), the unit's notices of the office's
/// decisions: an extension request approved or rejected, an occurrence reopened (退办), and the notice that work
/// recorded as done (办结) withdraws its calendar invitation (done). Names in <see cref="NotificationKinds"/>.
/// </summary>
public enum NotificationKind { Remind, Urge, Escalate, AtRisk, Summary, Flag, RequestDecided, Reopened, Done }
