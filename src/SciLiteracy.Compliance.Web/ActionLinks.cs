using Microsoft.Extensions.Configuration;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Web;

/// <summary>
/// The one-click links of one occurrence for one recipient, under Web:BaseUrl. Valid until the due date plus
/// Web:TokenValidDaysAfterDue (60) days, end of that day in the jurisdiction, unless a validity is given.
/// </summary>
public sealed class ActionLinks(ActionTokenSigner signer, WebSettings settings) : IActionLinkSource
{
    /// <summary>The links `run` and `simulate` put in emails: Web settings from configuration, the key beside the state file.</summary>
    public static ActionLinks From(IConfiguration configuration, string stateFile)
    {
        var settings = WebSettings.From(configuration);
        return new ActionLinks(new ActionTokenSigner(TokenKeyFile.Load(settings.TokenKey, stateFile)), settings);
    }

    public IReadOnlyList<ActionLink> For(Occurrence occurrence, string recipient) =>
        Enum.GetValues<ActionPurpose>().Select(p => new ActionLink(ActionPurposes.Label(p), Link(occurrence, recipient, p))).ToList();

    public string Board(string jurisdictionId) =>
        new Uri(settings.BaseUrl, $"{settings.BaseUrl.AbsolutePath.TrimEnd('/')}/board?jurisdiction={Uri.EscapeDataString(jurisdictionId)}").ToString();

    public string Link(Occurrence occurrence, string recipient, ActionPurpose purpose, Instant? expires = null)
    {
        var until = expires ?? DefaultExpiry(occurrence);
        var token = signer.Sign(new ActionToken(occurrence.Key, recipient, purpose, until));
        return new Uri(settings.BaseUrl, $"{settings.BaseUrl.AbsolutePath.TrimEnd('/')}/a/{ActionPurposes.Slug(purpose)}/{token}").ToString();
    }

    public Instant DefaultExpiry(Occurrence occurrence) =>
        occurrence.Due.Date.PlusDays(settings.ValidDaysAfterDue + 1).AtStartOfDayInZone(occurrence.Due.Zone).ToInstant();
}
