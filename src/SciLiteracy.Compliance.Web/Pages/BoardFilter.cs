using Microsoft.AspNetCore.Http;
using SciLiteracy.Compliance.Web.Actions;

namespace SciLiteracy.Compliance.Web.Pages;

/// <summary>The board's filters, read from the query string (the same for the page, the exports and the API).</summary>
public sealed record BoardFilter(string? Jurisdiction, string? Obligation, string? Unit, BoardColor? Color, string? Period, int Page)
{
    public const int PageSize = 200;

    public static BoardFilter From(IQueryCollection q) => new(
        Blank(q["jurisdiction"]), Blank(q["obligation"]), Blank(q["unit"]),
        q["state"].ToString() switch { "blue" => BoardColor.Blue, "yellow" => BoardColor.Yellow, "red" => BoardColor.Red, "done" => BoardColor.Done, _ => null },
        Blank(q["period"]),
        int.TryParse(q["page"], out var page) && page > 0 ? page : 1);

    public bool Matches(OccurrenceView v) =>
        (Obligation is null || v.Occurrence.Obligation.Id == Obligation)
        && (Unit is null || v.Occurrence.Unit.Id == Unit)
        && (Color is null || v.Color == Color)
        && (Period is null || v.Occurrence.Period == Period);

    public string Slug => Color switch { BoardColor.Blue => "blue", BoardColor.Yellow => "yellow", BoardColor.Red => "red", BoardColor.Done => "done", _ => "" };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
