using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Pages;
using SciLiteracy.Compliance.Web.Security;

namespace SciLiteracy.Compliance.Web.Api;

/// <summary>The JSON API behind the board, for scripts (docs/web.md). HTTP Basic with an office account; the same use cases as the pages.</summary>
public static class ApiEndpoints
{
    public const string Policy = "api";
    public const string RateLimitPolicy = "api";

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policy).RequireRateLimiting(RateLimitPolicy).DisableAntiforgery();
        api.MapGet("/occurrences", (HttpContext http, IOccurrenceActions actions, IClock clock) =>
        {
            var now = clock.GetCurrentInstant();
            var filter = BoardFilter.From(http.Request.Query);
            var sees = OfficeLogin.Scope(http.User);
            return Results.Json(actions.Board(filter.Jurisdiction, now)
                .Where(v => sees(v.Occurrence.Obligation.JurisdictionId) && filter.Matches(v))
                .Select(v => ApiOccurrence.From(v, withTrace: false)));
        });
        api.MapGet("/occurrences/{obligation}/{unit}/{period}", (HttpContext http, string obligation, string unit, string period, IOccurrenceActions actions, IClock clock) =>
            BoardPages.Visible(http.User, actions, new OccurrenceKey(obligation, unit, period), clock.GetCurrentInstant()) is { } view
                ? Results.Json(ApiOccurrence.From(view, withTrace: true))
                : Results.NotFound(new { error = "没有这个事项，或此账户不能查看它" }));
        api.MapPost("/occurrences/{obligation}/{unit}/{period}/reopen", (HttpContext http, string obligation, string unit, string period, ApiDecision body, IOccurrenceActions actions, IClock clock) =>
        {
            var now = clock.GetCurrentInstant();
            var key = new OccurrenceKey(obligation, unit, period);
            if (BoardPages.Visible(http.User, actions, key, now) is null) return Results.NotFound(new { error = "没有这个事项，或此账户不能查看它" });
            if (body.Note is not { Length: > 0 } reason) return Results.BadRequest(new { error = "退办须说明理由（note）" });
            return Answer(actions.Reopen(key, BoardPages.OfficeActor(http, now), reason));
        });
        api.MapGet("/requests", (HttpContext http, IOccurrenceActions actions, IClock clock) =>
        {
            var now = clock.GetCurrentInstant();
            return Results.Json(actions.PendingRequests(null).Where(r => Visible(http, actions, r, now)).Select(ApiRequest.From));
        });
        api.MapPost("/requests/{id}/{decision}", (HttpContext http, string id, string decision, ApiDecision body, IOccurrenceActions actions, IClock clock) =>
        {
            var now = clock.GetCurrentInstant();
            if (actions.PendingRequests(null).FirstOrDefault(r => r.Id == id) is not { } request || !Visible(http, actions, request, now))
                return Results.NotFound(new { error = "没有这项待审核的延期申请" });
            return decision switch
            {
                "approve" => Answer(actions.Approve(id, BoardPages.OfficeActor(http, now), body.Note)),
                "reject" when body.Note is { Length: > 0 } reason => Answer(actions.Reject(id, BoardPages.OfficeActor(http, now), reason)),
                "reject" => Results.BadRequest(new { error = "不予延期须说明理由（note）" }),
                _ => Results.NotFound(new { error = "只能 approve 或 reject" }),
            };
        });
        api.MapGet("/ledger", (HttpContext http, IOccurrenceActions actions, IClock clock) =>
        {
            var now = clock.GetCurrentInstant();
            var today = now.InUtc().Date;
            var filter = BoardFilter.From(http.Request.Query);
            var sees = OfficeLogin.Scope(http.User);
            return Results.Json(actions.Ledger(filter.Jurisdiction, today.PlusDays(-Planner.MaxReachDays), today.PlusDays(Planner.MaxReachDays), now)
                .Where(v => sees(v.Occurrence.Obligation.JurisdictionId) && filter.Matches(v))
                .Select(v => ApiOccurrence.From(v, withTrace: false)));
        });
    }

    private static bool Visible(HttpContext http, IOccurrenceActions actions, ExtensionRequestView request, Instant now) =>
        BoardPages.Visible(http.User, actions, request.Key, now) is not null;

    private static IResult Answer(ActionOutcome outcome) =>
        outcome.Accepted ? Results.Json(new { accepted = true, message = outcome.Message })
            : Results.Json(new { accepted = false, message = outcome.Message }, statusCode: StatusCodes.Status409Conflict);
}
