using NodaTime;

namespace SciLiteracy.Compliance.Web.Actions;

/// <summary>One line of an occurrence's trace: a notification sent, or an action with who, when and from where.</summary>
public sealed record TraceEntry(Instant At, string What, string? Who, string? From, string? Detail);
