using System.Globalization;
using System.Net;
using System.Text;
using MiniExcelLibs;

namespace SciLiteracy.Compliance.Application;

/// <summary>The 通报 as CSV, Excel (MiniExcel, as the board's 台账) or a printable HTML page: one set of columns for all three.</summary>
public static class TimelinessReportFormats
{
    public static readonly string[] Columns = ["排名", "辖区", "单位编号", "责任单位", "事项", "按时", "逾期", "逾期天数", "未报", "延期", "得分"];

    public static IEnumerable<object[]> Cells(IEnumerable<UnitTimeliness> rows) => rows.Select(r => new object[]
        { r.Rank, r.JurisdictionId, r.UnitId, r.UnitName, r.Items, r.OnTime, r.Late, r.LateDays, r.Missed, r.Extensions, Number(r.Score) });

    public static void Write(IReadOnlyList<UnitTimeliness> rows, string format, int year, ScoringRule rule, Stream to)
    {
        switch (format)
        {
            case "xlsx":
                to.SaveAs(Cells(rows).Select(c => Columns.Zip(c).ToDictionary(x => x.First, x => (object?)x.Second)).ToList(), excelType: ExcelType.XLSX);
                break;
            case "html":
                to.Write(Encoding.UTF8.GetBytes(Html(rows, year, rule)));
                break;
            default: // csv: UTF-8, the header then a line per unit, fields with a comma or quote quoted
                var csv = new StringBuilder().Append(string.Join(',', Columns)).Append("\r\n");
                foreach (var c in Cells(rows)) csv.Append(string.Join(',', c.Select(v => Csv(Convert.ToString(v, CultureInfo.InvariantCulture)!)))).Append("\r\n");
                to.Write(Encoding.UTF8.GetBytes(csv.ToString()));
                break;
        }
    }

    private static string Number(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.IndexOfAny([',', '"', '\r', '\n']) < 0 ? s : $"\"{s.Replace("\"", "\"\"")}\"";

    private static string Html(IReadOnlyList<UnitTimeliness> rows, int year, ScoringRule rule)
    {
        var e = (Func<object, string>)(v => WebUtility.HtmlEncode(Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""));
        var body = new StringBuilder();
        foreach (var c in Cells(rows)) body.Append("<tr>").Append(string.Concat(c.Select(v => $"<td>{e(v)}</td>"))).Append("</tr>\n");
        return $"""
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{year}年度工作时效通报</title>
            <style>body{"{"}font-family:sans-serif{"}"} table{"{"}border-collapse:collapse{"}"} th,td{"{"}border:1px solid #999;padding:4px 8px{"}"} @media print{"{"}@page{"{"}size:A4{"}"}{"}"}</style></head>
            <body><h1>{year}年度工作时效通报</h1>
            <p>计分：基础分 {Number(rule.Base)}；未报每项扣 {Number(rule.Missed)} 分；逾期每项扣 {Number(rule.Late)} 分，另每逾期一天扣 {Number(rule.LateDay)} 分（每项至多计 {rule.LateDaysCap} 天）；每次延期扣 {Number(rule.Extension)} 分。同分同名次。</p>
            <table><thead><tr>{string.Concat(Columns.Select(c => $"<th>{e(c)}</th>"))}</tr></thead><tbody>
            {body}</tbody></table></body></html>
            """;
    }
}
