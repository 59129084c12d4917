namespace SciLiteracy.Compliance.Web.Actions;

/// <summary>The result of an action as the person who asked should read it, in Chinese.</summary>
public sealed record ActionOutcome(bool Accepted, string Message)
{
    public static ActionOutcome Done(string message) => new(true, message);
    public static ActionOutcome Refused(string message) => new(false, message);
}
