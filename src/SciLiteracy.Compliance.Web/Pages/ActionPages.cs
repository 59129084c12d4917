using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Html;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Web.Pages;

/// <summary>The pages behind a one-click link: /a/ack|done|extend/{token}. Plain forms, no script, no account.</summary>
public static class ActionPages
{
    public const string RateLimitPolicy = "tokens";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/a").RequireRateLimiting(RateLimitPolicy);
        group.MapGet("/{slug}/{token}", (string slug, string token, HttpContext http, TokenGate gate, IClock clock, IAntiforgery antiforgery) =>
        {
            var now = clock.GetCurrentInstant();
            if (gate.Pass(slug, token, now, out var refusal) is not (var parsed, var view)) return refusal;
            return Layout.Page(ActionPurposes.Label(parsed.Purpose), H.T($"""
                {OccurrencePanel.Render(view, now)}
                {Form(parsed, antiforgery.GetAndStoreTokens(http), $"/a/{slug}/{token}")}
                """));
        });
        group.MapPost("/{slug}/{token}", (string slug, string token, HttpContext http, IFormCollection form, TokenGate gate, IClock clock, IOccurrenceActions actions) =>
        {
            var now = clock.GetCurrentInstant();
            if (gate.Pass(slug, token, now, out var refusal) is not (var parsed, var view)) return refusal;
            var actor = new Actor(parsed.Recipient, now, $"邮件链接，{http.Connection.RemoteIpAddress}");
            var outcome = parsed.Purpose switch
            {
                ActionPurpose.Acknowledge => actions.Acknowledge(parsed.Key, actor),
                ActionPurpose.Complete => Complete(actions, parsed, actor, form),
                _ => RequestExtension(actions, parsed, actor, form),
            };
            var after = actions.Find(parsed.Key, now) ?? view;
            return Layout.Page(ActionPurposes.Label(parsed.Purpose), H.T($"""
                <section class="card {(outcome.Accepted ? "ok" : "refused")}" role="status"><h1>{(outcome.Accepted ? "已提交" : "未能办理")}</h1><p>{outcome.Message}</p></section>
                {OccurrencePanel.Render(after, now)}
                """), outcome.Accepted ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
        });
    }

    private static ActionOutcome Complete(IOccurrenceActions actions, ActionToken token, Actor actor, IFormCollection form)
    {
        var evidence = form["evidence"].ToString().Trim();
        // Only a web address is kept as evidence: a javascript: or data: "link" would run in the office's browser.
        if (evidence.Length > 0 && !(Uri.TryCreate(evidence, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            return ActionOutcome.Refused("佐证链接须以 http:// 或 https:// 开头。");
        return actions.Complete(token.Key, actor, Limit(form["note"]), evidence.Length > 0 ? evidence : null);
    }

    private static ActionOutcome RequestExtension(IOccurrenceActions actions, ActionToken token, Actor actor, IFormCollection form)
    {
        var parsed = LocalDatePattern.Iso.Parse(form["until"].ToString().Trim());
        if (!parsed.Success) return ActionOutcome.Refused("请填写申请延至的日期（年-月-日）。");
        if (Limit(form["reason"]) is not { Length: > 0 } reason) return ActionOutcome.Refused("请填写延期理由。");
        return actions.RequestExtension(token.Key, actor, parsed.Value, reason);
    }

    private static string? Limit(string? text) => text?.Trim() is { Length: > 0 } t ? t[..Math.Min(t.Length, 2000)] : null;

    private static HtmlText Form(ActionToken token, AntiforgeryTokenSet anti, string action)
    {
        var hidden = H.T($"""<input type="hidden" name="{anti.FormFieldName}" value="{anti.RequestToken}">""");
        return token.Purpose switch
        {
            ActionPurpose.Acknowledge => H.T($"""
                <form method="post" action="{action}" class="card">{hidden}
                <h2>签收</h2><p>确认已收到此项工作。签收后不再催问是否收到，但在办结前仍会按期提醒。</p>
                <button type="submit">签收</button></form>
                """),
            ActionPurpose.Complete => H.T($"""
                <form method="post" action="{action}" class="card">{hidden}
                <h2>办结</h2>
                <label for="note">办理情况</label><textarea id="note" name="note" maxlength="2000" placeholder="如：报告已报送，文号……"></textarea>
                <label for="evidence">佐证材料链接（可选）</label><input id="evidence" type="url" name="evidence" placeholder="https://">
                <button type="submit">办结</button></form>
                """),
            _ => H.T($"""
                <form method="post" action="{action}" class="card">{hidden}
                <h2>申请延期</h2><p>纲要办审核前，仍按原截止日期提醒。</p>
                <label for="until">申请延至</label><input id="until" type="date" name="until" required>
                <label for="reason">延期理由</label><textarea id="reason" name="reason" maxlength="2000" required></textarea>
                <button type="submit">提交申请</button></form>
                """),
        };
    }
}
