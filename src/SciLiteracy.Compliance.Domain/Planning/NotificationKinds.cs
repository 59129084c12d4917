namespace SciLiteracy.Compliance.Domain.Planning;

/// <summary>The one vocabulary of notification kinds: the names the ledger, `plan`, rule tests and templates use.</summary>
public static class NotificationKinds
{
    public static readonly string Remind = Name(NotificationKind.Remind), Urge = Name(NotificationKind.Urge),
        Escalate = Name(NotificationKind.Escalate), AtRisk = Name(NotificationKind.AtRisk),
        Summary = Name(NotificationKind.Summary), Flag = Name(NotificationKind.Flag),
        RequestDecided = Name(NotificationKind.RequestDecided), Reopened = Name(NotificationKind.Reopened), Done = Name(NotificationKind.Done);

    /// <summary>remind, urge, escalate, at-risk, summary, flag, request-decided, reopened, done.</summary>
    public static string Name(NotificationKind kind) => kind switch
    {
        NotificationKind.AtRisk => "at-risk",
        NotificationKind.RequestDecided => "request-decided",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>The kind a ledger name stands for.</summary>
    public static NotificationKind Parse(string name) =>
        ByName.TryGetValue(name, out var kind) ? kind : throw new ArgumentException($"'{name}' is not a notification kind", nameof(name));

    private static readonly Dictionary<string, NotificationKind> ByName = Enum.GetValues<NotificationKind>().ToDictionary(Name, StringComparer.Ordinal);

    /// <summary>
    /// The unit told of one decision of the office (its step is the request's or the reopening's id): a message of its own,
    /// sent once, never folded or inhibited by an acknowledgement.
    /// </summary>
    public static bool IsDecision(string name) => name == RequestDecided || name == Reopened;

    /// <summary>A step of an occurrence's ladder (remind, urge, escalate), which a later step folds.</summary>
    public static bool IsLadderStep(string name) => name == Remind || name == Urge || name == Escalate;

    /// <summary>Total order of steps within an occurrence: every reminder before the urge and escalations.</summary>
    public static int Rank(NotificationKind kind, int step) => kind == NotificationKind.Remind ? step : 1000 + step;

    public static int Rank(string kind, int step) => kind == Remind ? step : 1000 + step;
}
