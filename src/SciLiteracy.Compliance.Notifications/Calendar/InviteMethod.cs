namespace SciLiteracy.Compliance.Notifications.Calendar;

/// <summary>The iTIP method of an invitation (RFC 5546): the event as it stands now, or its withdrawal once the work is done (办结).</summary>
public enum InviteMethod { Request, Cancel }
