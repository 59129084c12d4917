using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Html;
using SciLiteracy.Compliance.Web.Security;

namespace SciLiteracy.Compliance.Web.Pages;

/// <summary>The office's board (/board): open occurrences per jurisdiction, the pending extension requests, each trace, 退办.</summary>
public static class BoardPages
{
    public const string Policy = "office";

    public static void Map(IEndpointRouteBuilder app)
    {
        var board = app.MapGroup("/board").RequireAuthorization(Policy);
        board.MapGet("", (HttpContext http, IOccurrenceActions actions, IRuleSource rules, IClock clock, IAntiforgery antiforgery) =>
        {
            var now = clock.GetCurrentInstant();
            var filter = BoardFilter.From(http.Request.Query);
            var anti = antiforgery.GetAndStoreTokens(http);
            var sees = OfficeLogin.Scope(http.User);
            var jurisdictions = rules.Current.Directories.Values.Where(d => sees(d.Jurisdiction.Id)).OrderBy(d => d.Jurisdiction.Id, StringComparer.Ordinal).ToList();
            if (filter.Jurisdiction is { } j && !sees(j)) return Layout.Problem(StatusCodes.Status403Forbidden, "无权查看", "此账户不能查看该辖区。");
            var shown = jurisdictions.Where(d => filter.Jurisdiction is null || d.Jurisdiction.Id == filter.Jurisdiction).ToList();
            // One read of the state for every jurisdiction shown; then one page of rows in all (a province has hundreds of
            // thousands of occurrences): each section lists the rows of this page that fall in it, and its counts.
            var today = now.InUtc().Date;
            var views = (filter.Color == BoardColor.Done
                    // Done ones are off the board; the office finds them here to follow their trace and reopen (退办) one.
                    ? actions.Ledger(filter.Jurisdiction, today.PlusDays(-Planner.MaxReachDays), today.PlusDays(Planner.MaxReachDays), now).Where(v => v.Closed)
                    : actions.Board(filter.Jurisdiction, now))
                .Where(filter.Matches).ToLookup(v => v.Occurrence.Obligation.JurisdictionId);
            var requests = actions.PendingRequests(filter.Jurisdiction)
                .ToLookup(r => rules.Current.ObligationsById.TryGetValue(r.Key.ObligationId, out var o) ? o.JurisdictionId : "");
            var sections = new List<HtmlText>();
            var (skip, left, total) = ((filter.Page - 1) * BoardFilter.PageSize, BoardFilter.PageSize, 0);
            foreach (var directory in shown)
            {
                var id = directory.Jurisdiction.Id;
                var all = views[id]
                    .OrderBy(v => v.Color == BoardColor.Red ? 0 : v.Color == BoardColor.Yellow ? 1 : 2)
                    .ThenBy(v => v.Occurrence.Due.ToInstant()).ThenBy(v => v.Occurrence.Unit.Id, StringComparer.Ordinal).ToList();
                var start = Math.Max(0, skip - total);
                var page = all.Skip(start).Take(left).ToList();
                left -= page.Count;
                total += all.Count;
                var shownRows = page.Count == all.Count ? ""
                    : page.Count > 0 ? $"；本页显示第 {start + 1}–{start + page.Count} 项" : "；不在本页";
                sections.Add(H.T($"""
                    <section class="card"><h2>{directory.Jurisdiction.Name}</h2>
                    <p class="muted">{(filter.Color == BoardColor.Done ? $"共 {all.Count} 项已办结（可查看记录、复核退办）" : $"共 {all.Count} 项未办结：红 {all.Count(v => v.Color == BoardColor.Red)}，黄 {all.Count(v => v.Color == BoardColor.Yellow)}，蓝 {all.Count(v => v.Color == BoardColor.Blue)}")}{shownRows}{(shown.Count > 1 && all.Count > page.Count ? H.T($"""（<a href="/board?jurisdiction={Uri.EscapeDataString(id)}&state={filter.Slug}">只看本辖区</a>）""") : HtmlText.Empty)}</p>
                    {Requests(requests[id].ToList(), anti, directory.Jurisdiction.TimeZone)}
                    {(page.Count == 0 ? HtmlText.Empty : H.T($"""
                    <div class="scroll"><table><thead><tr><th>状态</th><th>责任单位</th><th>工作事项</th><th>周期</th><th>截止日期</th><th>签收</th><th></th></tr></thead><tbody>
                    {H.Each(page, v => Row(v, now))}
                    </tbody></table></div>
                    """))}
                    </section>
                    """));
            }
            sections.Add(Pager(http, filter, total));
            return Layout.Page("督办看板", H.T($"""
                <h1>督办看板</h1>
                {Filters(filter, jurisdictions.Select(d => (d.Jurisdiction.Id, d.Jurisdiction.Name)))}
                <p><a href="/board/export.csv{http.Request.QueryString.Value}">导出台账（CSV）</a> · <a href="/board/export.xlsx{http.Request.QueryString.Value}">导出台账（Excel）</a> · <a href="/board/duban">督办单</a></p>
                {HtmlText.Join(sections)}
                """), nav: Nav(http.User, anti));
        });

        board.MapGet("/occurrence", (HttpContext http, string obligation, string unit, string period, IOccurrenceActions actions, IClock clock, IAntiforgery antiforgery) =>
        {
            var now = clock.GetCurrentInstant();
            var anti = antiforgery.GetAndStoreTokens(http);
            if (Visible(http.User, actions, new OccurrenceKey(obligation, unit, period), now) is not { } view)
                return Layout.Problem(StatusCodes.Status404NotFound, "事项不存在", "没有这个事项，或此账户不能查看它。");
            var reopen = view.Closed ? H.T($"""
                <form method="post" action="/board/reopen" class="card">{Hidden(anti)}
                <input type="hidden" name="obligation" value="{obligation}"><input type="hidden" name="unit" value="{unit}"><input type="hidden" name="period" value="{period}">
                <h2>复核：退办</h2><p>退回后重新开始提醒，并通知责任单位。</p>
                <label for="reason">退办理由</label><textarea id="reason" name="reason" required></textarea>
                <button type="submit">退办</button></form>
                """) : HtmlText.Empty;
            return Layout.Page(view.Occurrence.Obligation.Title, H.T($"""
                <p><a href="/board">← 返回看板</a></p>{OccurrencePanel.Render(view, now)}{reopen}
                """), nav: Nav(http.User, anti));
        });

        board.MapPost("/reopen", (HttpContext http, IFormCollection form, IOccurrenceActions actions, IClock clock) =>
        {
            var now = clock.GetCurrentInstant();
            var key = new OccurrenceKey(form["obligation"].ToString(), form["unit"].ToString(), form["period"].ToString());
            if (Visible(http.User, actions, key, now) is null) return Layout.Problem(StatusCodes.Status404NotFound, "事项不存在", "没有这个事项，或此账户不能查看它。");
            if (form["reason"].ToString().Trim() is not { Length: > 0 } reason) return Layout.Problem(StatusCodes.Status400BadRequest, "请填写理由", "退办须说明理由。");
            return Outcome(actions.Reopen(key, OfficeActor(http, now), reason));
        });

        board.MapPost("/requests/{id}/{decision}", (HttpContext http, string id, string decision, IFormCollection form, IOccurrenceActions actions, IClock clock) =>
        {
            var now = clock.GetCurrentInstant();
            var sees = OfficeLogin.Scope(http.User);
            var request = actions.PendingRequests(null).FirstOrDefault(r => r.Id == id);
            if (request is null || actions.Find(request.Key, now) is not { } view || !sees(view.Occurrence.Obligation.JurisdictionId))
                return Layout.Problem(StatusCodes.Status404NotFound, "申请不存在", "没有这项待审核的延期申请（可能已处理）。");
            var note = form["note"].ToString().Trim();
            return decision switch
            {
                "approve" => Outcome(actions.Approve(id, OfficeActor(http, now), note.Length > 0 ? note : null)),
                "reject" when note.Length > 0 => Outcome(actions.Reject(id, OfficeActor(http, now), note)),
                "reject" => Layout.Problem(StatusCodes.Status400BadRequest, "请填写理由", "不予延期须说明理由，单位会收到。"),
                _ => Layout.Problem(StatusCodes.Status404NotFound, "操作不存在", "只能批准或不予延期。"),
            };
        });
    }

    /// <summary>An occurrence the signed-in account may see, or null.</summary>
    public static OccurrenceView? Visible(ClaimsPrincipal user, IOccurrenceActions actions, OccurrenceKey key, Instant now) =>
        actions.Find(key, now) is { } view && OfficeLogin.Scope(user)(view.Occurrence.Obligation.JurisdictionId) ? view : null;

    public static Actor OfficeActor(HttpContext http, Instant now) =>
        new(http.User.Identity?.Name ?? "?", now, $"看板，{http.Connection.RemoteIpAddress}");

    private static IResult Outcome(ActionOutcome outcome) => Layout.Page(outcome.Accepted ? "已处理" : "未能处理", H.T($"""
        <section class="card {(outcome.Accepted ? "ok" : "refused")}" role="status"><h1>{(outcome.Accepted ? "已处理" : "未能处理")}</h1><p>{outcome.Message}</p>
        <p><a href="/board">返回看板</a></p></section>
        """), outcome.Accepted ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);

    private static HtmlText Hidden(AntiforgeryTokenSet anti) => H.T($"""<input type="hidden" name="{anti.FormFieldName}" value="{anti.RequestToken}">""");

    private static HtmlText Nav(ClaimsPrincipal user, AntiforgeryTokenSet anti) => H.T($"""
        <a href="/board">看板</a><span>{user.Identity?.Name}</span>
        <form method="post" action="/logout" class="inline">{Hidden(anti)}<button type="submit">退出</button></form>
        """);

    private static HtmlText Row(OccurrenceView v, Instant now)
    {
        var o = v.Occurrence;
        var (label, css) = Words.Color(v.Color);
        var today = now.InZone(o.Due.Zone).Date;
        var detail = $"/board/occurrence?obligation={Uri.EscapeDataString(o.Obligation.Id)}&unit={Uri.EscapeDataString(o.Unit.Id)}&period={Uri.EscapeDataString(o.Period)}";
        return H.T($"""
            <tr><td><span class="state {css}">{label}</span> {v.StateLabel}</td><td>{o.Unit.Name}</td><td>{o.Obligation.Title}</td><td>{o.Period}</td>
            <td>{ChineseText.DueDate(o.Due.Date, v.Unconfirmed)}<br><span class="muted">{ChineseText.DaysLeft(today, o.Due.Date)}</span></td>
            <td>{(v.AcknowledgedAt is { } at ? "已签收 " + Words.Moment(at, o.Due.Zone) : "未签收")}</td><td><a href="{detail}">记录</a></td></tr>
            """);
    }

    private static HtmlText Requests(IReadOnlyList<ExtensionRequestView> requests, AntiforgeryTokenSet anti, DateTimeZone zone) =>
        requests.Count == 0 ? HtmlText.Empty : H.T($"""
            <h3>待审核的延期申请（{requests.Count}）</h3>
            {H.Each(requests, r => H.T($"""
                <div class="card"><p><strong>{r.UnitName}</strong>：{r.ObligationTitle}（{r.Key.Period}）<br>
                原截止 {ChineseText.DateWithWeekday(r.CurrentDue)} → 申请延至 {ChineseText.DateWithWeekday(r.RequestedUntil)}<br>
                理由：{r.Reason}<br><span class="muted">{r.RequestedBy}，{Words.Moment(r.RequestedAt, zone)}</span></p>
                <form method="post" action="/board/requests/{Uri.EscapeDataString(r.Id)}/approve" class="inline">{Hidden(anti)}<button type="submit">批准延期</button></form>
                <form method="post" action="/board/requests/{Uri.EscapeDataString(r.Id)}/reject">{Hidden(anti)}
                <label for="note-{r.Id}">不予延期的理由</label><input id="note-{r.Id}" type="text" name="note" required><button type="submit">不予延期</button></form></div>
                """))}
            """);

    private static HtmlText Filters(BoardFilter f, IEnumerable<(string Id, string Name)> jurisdictions) => H.T($"""
        <form method="get" action="/board" class="card filters">
        <div><label for="jurisdiction">辖区</label><select id="jurisdiction" name="jurisdiction"><option value="">全部</option>
        {H.Each(jurisdictions, j => H.T($"""<option value="{j.Id}"{(j.Id == f.Jurisdiction ? HtmlText.Trusted(" selected") : HtmlText.Empty)}>{j.Name}</option>"""))}</select></div>
        <div><label for="obligation">工作事项编号</label><input id="obligation" type="text" name="obligation" value="{f.Obligation}"></div>
        <div><label for="unit">单位编号</label><input id="unit" type="text" name="unit" value="{f.Unit}"></div>
        <div><label for="state">状态</label><select id="state" name="state"><option value="">全部</option>
        {H.Each(new[] { ("red", "红：已逾期"), ("yellow", "黄：已催办"), ("blue", "蓝：办理中"), ("done", "已办结（可退办）") }, s => H.T($"""<option value="{s.Item1}"{(s.Item1 == f.Slug ? HtmlText.Trusted(" selected") : HtmlText.Empty)}>{s.Item2}</option>"""))}</select></div>
        <div><label for="period">周期</label><input id="period" type="text" name="period" value="{f.Period}"></div>
        <div><button type="submit">筛选</button></div>
        </form>
        """);

    private static HtmlText Pager(HttpContext http, BoardFilter f, int total)
    {
        if (total <= BoardFilter.PageSize) return HtmlText.Empty;
        var query = System.Web.HttpUtility.ParseQueryString(http.Request.QueryString.Value ?? "");
        string Link(int page) { query["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture); return "/board?" + query; }
        var last = (total + BoardFilter.PageSize - 1) / BoardFilter.PageSize;
        return H.T($"""
            <p>{(f.Page > 1 ? H.T($"""<a href="{Link(f.Page - 1)}">上一页</a> """) : HtmlText.Empty)}第 {f.Page}/{last} 页{(f.Page < last ? H.T($""" <a href="{Link(f.Page + 1)}">下一页</a>""") : HtmlText.Empty)}</p>
            """);
    }
}
