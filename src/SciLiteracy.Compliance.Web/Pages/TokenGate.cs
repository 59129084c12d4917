using Microsoft.AspNetCore.Http;
using NodaTime;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Html;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Web.Pages;

/// <summary>
/// Everything a link must pass before its page shows or its form acts: signature, expiry, purpose, occurrence,
/// recipient, still open. Each refusal is a page in Chinese with a 4xx status, and nothing has been changed.
/// </summary>
public sealed class TokenGate(ActionTokenSigner signer, IOccurrenceActions actions)
{
    public (ActionToken Token, OccurrenceView View)? Pass(string slug, string token, Instant now, out IResult refusal)
    {
        refusal = Results.Empty;
        var (parsed, why) = signer.Verify(token, now);
        if (why is null && ActionPurposes.FromSlug(slug) != parsed!.Purpose) why = TokenRefusal.OtherPurpose;
        OccurrenceView? view = null;
        if (why is null && (view = actions.Find(parsed!.Key, now)) is null) why = TokenRefusal.UnknownOccurrence;
        if (why is null && !view!.Recipients.Contains(parsed!.Recipient)) why = TokenRefusal.NotARecipient;
        if (why is null && view!.Closed) why = TokenRefusal.Closed;
        if (why is { } reason)
        {
            refusal = Refuse(reason);
            return null;
        }
        return (parsed!, view!);
    }

    public static IResult Refuse(TokenRefusal reason) => reason switch
    {
        TokenRefusal.Expired => Layout.Problem(StatusCodes.Status410Gone, "链接已过期",
            "此链接已超过有效期。如仍需办理，请联系纲要办重新发送链接。"),
        TokenRefusal.OtherPurpose => Layout.Problem(StatusCodes.Status400BadRequest, "链接与操作不符",
            "此链接不能用于这项操作。请使用邮件中对应按钮的链接。"),
        TokenRefusal.UnknownOccurrence => Layout.Problem(StatusCodes.Status404NotFound, "事项不存在",
            "链接所指的事项在现行规则中已不存在。请联系纲要办核实。"),
        TokenRefusal.NotARecipient => Layout.Problem(StatusCodes.Status403Forbidden, "无权办理",
            "此链接的收件人不是该事项的通知对象，不能用它办理。请联系纲要办。"),
        TokenRefusal.Closed => Layout.Problem(StatusCodes.Status410Gone, "事项已办结",
            "该事项已经办结，链接不再可用。如需更正，请联系纲要办。"),
        _ => Layout.Problem(StatusCodes.Status400BadRequest, "链接无效",
            "此链接不完整或已被改动，无法使用。请从邮件中完整复制链接，或联系纲要办重新发送。"),
    };
}
