
namespace SciLiteracy.Compliance.Domain.Obligations;

/// <summary>Where in a rule file something was written: kept so that later stages can point at it.</summary>
public readonly record struct SourceSpan(string Path, int Line, int Column)
{
    public override string ToString() => $"{Path}:{Line}:{Column}";
}
