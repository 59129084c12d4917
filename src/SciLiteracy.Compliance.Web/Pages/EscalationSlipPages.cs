using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MiniExcelLibs;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Web.Html;
using SciLiteracy.Compliance.Web.Security;

namespace SciLiteracy.Compliance.Web.Pages;

/// <summary>
/// The numbered 督办单 on the board: /board/duban lists them (and exports them as the 督办单台账, CSV or Excel),
/// /board/duban/{jurisdiction}/{year}/{number} is one slip laid out for printing (its own print stylesheet: no header,
/// A4, the colour of its step as the slip's border). Registered as web endpoints beside the pages (it reads the state).
/// </summary>
public sealed class EscalationSlipPages(IRuleSource rules, IStateStore store) : IWebEndpoints
{
    public void Map(IEndpointRouteBuilder app)
    {
        var board = app.MapGroup("/board").RequireAuthorization(BoardPages.Policy);
        board.MapGet("/duban.css", () => Results.Text(PrintStylesheet, "text/css; charset=utf-8"));
        board.MapGet("/duban", (HttpContext http, IClock clock) =>
        {
            var slips = Slips(http, clock);
            return Layout.Page("督办单", H.T($"""
                <link rel="stylesheet" href="/board/duban.css">
                <p class="noprint"><a href="/board">← 返回看板</a> · <a href="/board/duban.csv">导出督办单台账（CSV）</a> · <a href="/board/duban.xlsx">导出督办单台账（Excel）</a></p>
                <h1>督办单</h1>
                <section class="card"><div class="scroll"><table><thead><tr><th>编号</th><th>颜色</th><th>责任单位</th><th>工作事项</th><th>截止日期</th><th>签发日期</th><th>状态</th></tr></thead><tbody>
                {H.Each(slips, s => H.T($"""<tr><td><a href="/board/duban/{s.JurisdictionId}/{s.Year}/{s.Number}">{s.Text}</a></td><td><span class="state {Css(s.Color)}">{s.Color}</span></td><td>{s.UnitName}</td><td>{s.Title}（{s.Period}）</td><td>{ChineseText.DateWithWeekday(s.Due)}</td><td>{ChineseText.DateWithWeekday(s.IssuedOn)}</td><td>{(s.Done ? "已办结" : "未办结")}</td></tr>"""))}
                </tbody></table></div>{(slips.Count == 0 ? H.T($"""<p class="muted">尚无督办单。</p>""") : HtmlText.Empty)}</section>
                """));
        });
        board.MapGet("/duban/{jurisdiction}/{year:int}/{number:int}", (HttpContext http, string jurisdiction, int year, int number, IClock clock) =>
        {
            if (Slips(http, clock).FirstOrDefault(s => s.JurisdictionId == jurisdiction && s.Year == year && s.Number == number) is not { } s)
                return Layout.Problem(StatusCodes.Status404NotFound, "督办单不存在", "没有这个编号的督办单，或此账户不能查看它。");
            return Layout.Page(s.Text, H.T($"""
                <link rel="stylesheet" href="/board/duban.css">
                <p class="noprint"><a href="/board/duban">← 督办单列表</a> · 用浏览器的“打印”即可打印本督办单。</p>
                <article class="slip slip-{Css(s.Color)}">
                <h1 class="slip-title">{s.JurisdictionName}全民科学素质工作督办单</h1>
                <p class="slip-number">{s.Text}<span class="slip-color">{s.Color}色督办</span></p>
                <dl>
                <dt>责任单位</dt><dd>{s.UnitName}</dd>
                <dt>督办事项</dt><dd>{s.Title}（{s.Period}）</dd>
                <dt>截止日期</dt><dd>{ChineseText.DateWithWeekday(s.Due)}</dd>
                <dt>依据</dt><dd>{s.Clause}——“{s.Quote}”</dd>
                <dt>送达</dt><dd>{string.Join("、", s.Recipients)}</dd>
                <dt>办理情况</dt><dd>{(s.Done ? "已办结" : "未办结，请即督促落实，完成后报送县纲要办。")}</dd>
                </dl>
                <p class="slip-sign">{s.JurisdictionName}纲要办<br>{ChineseText.DateWithWeekday(s.IssuedOn)}</p>
                </article>
                """));
        });
        board.MapGet("/duban.csv", (HttpContext http, IClock clock) => Export(Slips(http, clock), ExcelType.CSV));
        board.MapGet("/duban.xlsx", (HttpContext http, IClock clock) => Export(Slips(http, clock), ExcelType.XLSX));
    }

    private IReadOnlyList<EscalationSlip> Slips(HttpContext http, IClock clock) =>
        new EscalationSlips(rules.Current, store).List(clock.GetCurrentInstant(), OfficeLogin.Scope(http.User));

    /// <summary>The 督办单台账: a row per slip, in the board's order.</summary>
    private static IResult Export(IReadOnlyList<EscalationSlip> slips, ExcelType type)
    {
        var rows = slips.Select(s => new Dictionary<string, object?>
        {
            ["督办单编号"] = s.Text, ["辖区"] = s.JurisdictionId, ["年度"] = s.Year, ["序号"] = s.Number, ["颜色"] = s.Color,
            ["工作事项编号"] = s.Key.ObligationId, ["工作事项"] = s.Title, ["单位编号"] = s.Key.UnitId, ["责任单位"] = s.UnitName,
            ["周期"] = s.Key.Period, ["督办步骤"] = s.Step, ["截止日期"] = LocalDatePattern.Iso.Format(s.Due),
            ["签发日期"] = LocalDatePattern.Iso.Format(s.IssuedOn), ["送达"] = string.Join("、", s.Recipients), ["状态"] = s.Done ? "已办结" : "未办结",
        }).ToList();
        var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: type);
        stream.Position = 0;
        return type == ExcelType.CSV
            ? Results.File(stream, "text/csv; charset=utf-8", "duban.csv")
            : Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "duban.xlsx");
    }

    private static string Css(string color) => color switch { "蓝" => "blue", "黄" => "yellow", _ => "red" };

    private const string PrintStylesheet = """
        .slip{background:#fff;border:3px solid #c62828;border-radius:8px;padding:1.5rem;margin:1rem 0}
        .slip-blue{border-color:#1565c0}.slip-yellow{border-color:#f9a825}.slip-red{border-color:#c62828}
        .slip-title{text-align:center;font-size:1.6rem;letter-spacing:.1em}
        .slip-number{text-align:center;margin:.2rem 0 1rem}
        .slip-color{margin-left:1rem;font-weight:600}
        .slip-sign{text-align:right;margin-top:2rem}
        @media print{
          @page{size:A4;margin:20mm}
          header,.noprint{display:none}
          body{background:#fff;font-family:"SimSun","Songti SC","Noto Serif CJK SC",serif}
          main{max-width:none;padding:0}
          .slip{box-shadow:none;margin:0;border-width:4px}
          a{color:inherit;text-decoration:none}
        }
        """;
}
