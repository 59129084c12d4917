namespace SciLiteracy.Compliance.Web.Api;

/// <summary>The body of POST /api/requests/{id}/approve|reject and /api/occurrences/…/reopen: a note or reason.</summary>
public sealed record ApiDecision(string? Note);
