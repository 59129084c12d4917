
namespace SciLiteracy.Compliance.Domain.Obligations;

/// <summary>The clause of the source plan an obligation comes from, quoted verbatim.</summary>
public sealed record SourceCitation(string File, string Clause, string Quote);
