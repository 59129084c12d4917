namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>One button of an email item: its label (签收) and its address.</summary>
public sealed record ActionLink(string Label, string Url);
