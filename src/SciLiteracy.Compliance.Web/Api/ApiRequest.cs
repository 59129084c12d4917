using NodaTime.Text;
using SciLiteracy.Compliance.Web.Actions;

namespace SciLiteracy.Compliance.Web.Api;

/// <summary>A pending extension request in the JSON API.</summary>
public sealed record ApiRequest(string Id, string Obligation, string Unit, string Period, string CurrentDue, string RequestedUntil,
    string Reason, string RequestedBy, string RequestedAt)
{
    public static ApiRequest From(ExtensionRequestView r) => new(r.Id, r.Key.ObligationId, r.Key.UnitId, r.Key.Period,
        LocalDatePattern.Iso.Format(r.CurrentDue), LocalDatePattern.Iso.Format(r.RequestedUntil), r.Reason, r.RequestedBy,
        InstantPattern.ExtendedIso.Format(r.RequestedAt));
}
