namespace SciLiteracy.Compliance.Web.Tokens;

/// <summary>Why a link is refused. Each has its own page in Chinese and a 4xx status; none changes anything.</summary>
public enum TokenRefusal
{
    /// <summary>Not a token at all, cut short, or altered: its signature does not match (also one signed with another key).</summary>
    Invalid,
    Expired,
    /// <summary>A genuine token opened at the page of another action.</summary>
    OtherPurpose,
    /// <summary>The occurrence it names no longer exists in the rules.</summary>
    UnknownOccurrence,
    /// <summary>Its recipient is not (or no longer) someone this occurrence's notices go to.</summary>
    NotARecipient,
    /// <summary>The occurrence is closed (办结); nothing more can be done through a link.</summary>
    Closed,
}
