namespace SciLiteracy.Compliance.Web.Api;

/// <summary>One line of a trace in the JSON API; at is UTC ISO-8601.</summary>
public sealed record ApiTraceEntry(string At, string What, string? Who, string? From, string? Detail);
