using NodaTime;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.Web.Actions;

namespace SciLiteracy.Compliance.Web.Html;

/// <summary>What the action page and the board's detail both show of an occurrence: the facts, the source and the trace.</summary>
public static class OccurrencePanel
{
    public static HtmlText Render(OccurrenceView view, Instant now)
    {
        var o = view.Occurrence;
        var zone = o.Due.Zone;
        var today = now.InZone(zone).Date;
        var (colorLabel, css) = Words.Color(view.Color);
        var moved = view.NominalDue != o.Due.Date
            ? H.T($"""<div class="muted">原定 {ChineseText.DateWithWeekday(view.NominalDue)}</div>""") : HtmlText.Empty;
        var assumed = o.Obligation.Assumed
            ? H.T($"""<p class="muted">此日期为假定，待纲要办确认{(o.Obligation.AssumedReason is { Length: > 0 } r ? "：" + r : "")}。</p>""") : HtmlText.Empty;
        return H.T($"""
            <section class="card">
            <h1>{o.Obligation.Title}</h1>
            <dl>
            <dt>责任单位</dt><dd>{o.Unit.Name}</dd>
            <dt>周期</dt><dd>{o.Period}</dd>
            <dt>截止日期</dt><dd>{ChineseText.DateWithWeekday(o.Due.Date)}，{(view.Closed ? "已办结" : ChineseText.DaysLeft(today, o.Due.Date))}{moved}</dd>
            <dt>状态</dt><dd><span class="state {css}">{colorLabel}</span> {view.StateLabel}</dd>
            </dl>
            {assumed}
            <details><summary>依据：{o.Obligation.Source.Clause}</summary><blockquote>{o.Obligation.Source.Quote}</blockquote></details>
            </section>
            <section class="card"><h2>办理记录</h2>{Trace(view, zone)}</section>
            """);
    }

    private static HtmlText Trace(OccurrenceView view, DateTimeZone zone) =>
        view.Trace.Count == 0
            ? H.T($"""<p class="muted">尚无记录。</p>""")
            : H.T($"""
                <div class="scroll"><table><thead><tr><th>时间</th><th>事项</th><th>经办</th><th>说明</th></tr></thead><tbody>
                {H.Each(view.Trace, t => H.T($"<tr><td>{Words.Moment(t.At, zone)}</td><td>{t.What}</td><td>{t.Who}{(t.From is { Length: > 0 } f ? "（" + f + "）" : "")}</td><td>{t.Detail}</td></tr>"))}
                </tbody></table></div>
                """);
}
