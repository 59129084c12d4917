using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Application;

/// <summary>Every obligation with its schedule and citation, so an office can check a pack against its plan (`catalog`).</summary>
public static class CatalogQuery
{
    /// <summary>The JSON contract of `catalog --format json` (docs/rule-format.md).</summary>
    public sealed record CatalogEntry(
        string Id, string Jurisdiction, string Kind, string Title, string Schedule, string Responsible,
        IReadOnlyList<string> ResponsibleUnits, IReadOnlyList<string> Lead, bool Assumed, string? AssumedReason,
        CatalogSource Source, CatalogTarget? Target);

    public sealed record CatalogSource(string File, string Clause, string Quote);

    public sealed record CatalogTarget(string Indicator, decimal Value, string Unit, string By, string Direction);

    public static IReadOnlyList<CatalogEntry> Entries(RuleSet set) => set.Obligations
        .OrderBy(o => o.JurisdictionId, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal)
        .Select(o => new CatalogEntry(
            o.Id, o.JurisdictionId, o.Kind.ToString().ToLowerInvariant(), o.Title, o.Schedule.Describe(), o.ResponsibleDescription,
            o.ResponsibleUnitIds, o.LeadUnitIds, o.Assumed, o.AssumedReason,
            new CatalogSource(o.Source.File, o.Source.Clause, o.Source.Quote),
            o.Target is { } t ? new CatalogTarget(t.Indicator, t.Value, t.Unit, Iso.Of(t.By), t.Direction == TargetDirection.Increase ? "increase" : "decrease") : null))
        .ToList();
}
