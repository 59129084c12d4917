using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Html;
using SciLiteracy.Compliance.Web.Security;

namespace SciLiteracy.Compliance.Web.Pages;

/// <summary>
/// The 台账 as CSV or Excel (MiniExcel): every obligation × unit × period with a nominal due date in [from, to]
/// (default the reach of the planner around today), with its state and dates, under the board's filters.
/// </summary>
public static class LedgerExport
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var board = app.MapGroup("/board").RequireAuthorization(BoardPages.Policy);
        board.MapGet("/export.csv", (HttpContext http, IOccurrenceActions actions, IClock clock) => Export(http, actions, clock, ExcelType.CSV));
        board.MapGet("/export.xlsx", (HttpContext http, IOccurrenceActions actions, IClock clock) => Export(http, actions, clock, ExcelType.XLSX));
    }

    /// <summary>The rows of the 台账, as the exports and the API write them.</summary>
    public static IEnumerable<Dictionary<string, object?>> Rows(IEnumerable<OccurrenceView> views) => views
        .OrderBy(v => v.Occurrence.Obligation.JurisdictionId, StringComparer.Ordinal)
        .ThenBy(v => v.Occurrence.Obligation.Id, StringComparer.Ordinal)
        .ThenBy(v => v.Occurrence.Unit.Id, StringComparer.Ordinal)
        .ThenBy(v => v.Occurrence.NominalDue)
        .Select(v => new Dictionary<string, object?>
        {
            ["辖区"] = v.Occurrence.Obligation.JurisdictionId,
            ["工作事项编号"] = v.Occurrence.Obligation.Id,
            ["工作事项"] = v.Occurrence.Obligation.Title,
            ["单位编号"] = v.Occurrence.Unit.Id,
            ["责任单位"] = v.Occurrence.Unit.Name,
            ["周期"] = v.Occurrence.Period,
            ["原定截止日期"] = LocalDatePattern.Iso.Format(v.NominalDue),
            ["截止日期"] = LocalDatePattern.Iso.Format(v.Occurrence.Due.Date),
            ["颜色"] = Words.Color(v.Color).Label,
            ["状态"] = v.StateLabel,
            ["签收时间"] = v.AcknowledgedAt is { } at ? Words.Moment(at, v.Occurrence.Due.Zone) : "",
            ["依据"] = v.Occurrence.Obligation.Source.Clause,
        });

    private static IResult Export(HttpContext http, IOccurrenceActions actions, IClock clock, ExcelType type)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InUtc().Date;
        var q = http.Request.Query;
        var from = LocalDatePattern.Iso.Parse(q["from"].ToString()) is { Success: true } f ? f.Value : today.PlusDays(-Planner.MaxReachDays);
        var to = LocalDatePattern.Iso.Parse(q["to"].ToString()) is { Success: true } t ? t.Value : today.PlusDays(Planner.MaxReachDays);
        var filter = BoardFilter.From(q);
        var sees = OfficeLogin.Scope(http.User);
        var views = actions.Ledger(filter.Jurisdiction, from, to, now)
            .Where(v => sees(v.Occurrence.Obligation.JurisdictionId) && filter.Matches(v));
        var stream = new MemoryStream();
        stream.SaveAs(Rows(views).ToList(), excelType: type);
        stream.Position = 0;
        var name = $"taizhang-{LocalDatePattern.Iso.Format(from)}-{LocalDatePattern.Iso.Format(to)}";
        return type == ExcelType.CSV
            ? Results.File(stream, "text/csv; charset=utf-8", name + ".csv")
            : Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
    }
}
