namespace SciLiteracy.Compliance.Web.Tokens;

/// <summary>What a one-click link lets its recipient do; a token of one purpose opens no other page.</summary>
public enum ActionPurpose
{
    /// <summary>签收: the unit has seen it; reminders go on, the urging for an unacknowledged item stops.</summary>
    Acknowledge,
    /// <summary>办结: done, with a note and optionally a link to evidence; stops everything, as `scilit submit`.</summary>
    Complete,
    /// <summary>申请延期: a requested new date and a reason, for the office to approve or reject.</summary>
    RequestExtension,
}
