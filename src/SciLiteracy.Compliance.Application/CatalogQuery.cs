using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Plans;

namespace SciLiteracy.Compliance.Application;

/// <summary>Every obligation with its schedule and citation, so an office can check a pack against its plan (`catalog`).</summary>
public static class CatalogQuery
{
    /// <summary>The JSON contract of `catalog --format json` (docs/rule-format.md).</summary>
    public sealed record CatalogEntry(
        string Id, string Jurisdiction, string Kind, string Title, string Schedule, string Responsible,
        IReadOnlyList<string> ResponsibleUnits, IReadOnlyList<string> Lead, bool Assumed, string? AssumedReason,
        CatalogSource Source, CatalogTarget? Target, string Term, string? Plan, string? TermBasis, CatalogSupersedes? Supersedes);

    /// <summary>A seed file (file, clause) or a notice (notice; clause optional).</summary>
    public sealed record CatalogSource(string? File, string? Clause, string Quote, CatalogNotice? Notice, string Document);

    public sealed record CatalogNotice(string Document, string? Number, string Issuer, string Date, string Url);

    public sealed record CatalogSupersedes(string Obligation, string From);

    public sealed record CatalogTarget(string Indicator, decimal Value, string Unit, string By, string Direction, string Scope, IReadOnlyList<string> Contributors);

    public static IReadOnlyList<CatalogEntry> Entries(RuleSet set) => set.Obligations
        .OrderBy(o => o.JurisdictionId, StringComparer.Ordinal).ThenBy(o => o.Id, StringComparer.Ordinal)
        .Select(o => new CatalogEntry(
            o.Id, o.JurisdictionId, o.Kind.ToString().ToLowerInvariant(), o.Title, o.Schedule.Describe(), o.ResponsibleDescription,
            o.ResponsibleUnitIds, o.LeadUnitIds, o.Assumed, o.AssumedReason,
            new CatalogSource(o.Source.File, o.Source.Clause, o.Source.Quote, o.Source.Notice is { } n
                ? new CatalogNotice(n.Document, n.Number, n.Issuer, Iso.Of(n.Date), n.Url) : null, o.Source.Document),
            o.Target is { } t
                ? new CatalogTarget(t.Indicator, t.Value, t.Unit, Iso.Of(t.By), t.Direction == TargetDirection.Increase ? "increase" : "decrease",
                    t.Scope == TargetScope.Area ? "area" : "unit", t.ContributorUnitIds)
                : null,
            TermName(o.Term), o.PlanId, o.TermBasis,
            o.Supersedes is { } s ? new CatalogSupersedes(s.ObligationId, Iso.Of(s.From)) : null))
        .ToList();

    /// <summary>standing, plan or unclassified: the name `catalog` and the docs use.</summary>
    public static string TermName(ObligationTerm term) => term switch
    {
        ObligationTerm.Standing => "standing",
        ObligationTerm.PlanBound => "plan",
        _ => "unclassified",
    };
}
