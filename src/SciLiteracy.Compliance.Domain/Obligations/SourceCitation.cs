namespace SciLiteracy.Compliance.Domain.Obligations;

/// <summary>
/// The clause an obligation comes from, quoted verbatim: of a seed plan (<see cref="File"/>) or of a notice
/// (<see cref="Notice"/>); exactly one of the two is set. A notice's clause is optional.
/// </summary>
public sealed record SourceCitation(string? File, string? Clause, string Quote)
{
    public NoticeReference? Notice { get; init; }

    /// <summary>Where the citation's file is named in the rule file, for the warning when no such seed file exists.</summary>
    public SourceSpan? FileLocation { get; init; }

    /// <summary>The document in words: the seed file's name or the notice's citation.</summary>
    public string Document => Notice?.ToString() ?? File ?? "";
}
