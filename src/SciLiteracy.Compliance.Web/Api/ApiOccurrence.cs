using NodaTime.Text;
using SciLiteracy.Compliance.Web.Actions;

namespace SciLiteracy.Compliance.Web.Api;

/// <summary>An occurrence in the JSON API (docs/web.md): ids, dates as ISO text, the colour and the state, the trace when asked.</summary>
public sealed record ApiOccurrence(string Jurisdiction, string Obligation, string Title, string Unit, string UnitName, string Period,
    string NominalDue, string Due, string Color, string State, bool Closed, string? AcknowledgedAt, IReadOnlyList<ApiTraceEntry>? Trace)
{
    public static ApiOccurrence From(OccurrenceView v, bool withTrace)
    {
        var o = v.Occurrence;
        return new(o.Obligation.JurisdictionId, o.Obligation.Id, o.Obligation.Title, o.Unit.Id, o.Unit.Name, o.Period,
            LocalDatePattern.Iso.Format(v.NominalDue), LocalDatePattern.Iso.Format(o.Due.Date),
            v.Color.ToString().ToLowerInvariant(), v.StateLabel, v.Closed,
            v.AcknowledgedAt is { } at ? InstantPattern.ExtendedIso.Format(at) : null,
            withTrace ? v.Trace.Select(t => new ApiTraceEntry(InstantPattern.ExtendedIso.Format(t.At), t.What, t.Who, t.From, t.Detail)).ToList() : null);
    }
}
