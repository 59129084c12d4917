using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>
/// The model of a decision told to a unit (templates `extension-decision` and `reopened`): what was decided, when and
/// why, the due date that holds now, the ladder's next step, and the item's action links.
/// </summary>
internal static class DecisionMessage
{
    /// <summary>Adds the decision to <paramref name="model"/> and returns the template to render it with.</summary>
    public static string Fill(Dictionary<string, object?> model, DecisionNotice notice, TrackedOccurrence told, ZonedDateTime composed,
        IReadOnlyList<ActionLink> links, bool unconfirmed, Planner planner)
    {
        var o = told.Occurrence;
        var zone = composed.Zone;
        var next = planner.Notifications(o).FirstOrDefault(n => n.SendAt.ToInstant() > composed.ToInstant() && n.Recipients.Length > 0);
        model["title"] = o.Obligation.Title;
        model["unitName"] = o.Unit.Name;
        model["period"] = ChineseText.PeriodOf(o);
        model["clause"] = o.Obligation.Source.Clause;
        model["quote"] = o.Obligation.Source.Quote;
        model["decidedAt"] = ChineseText.DateTime(notice.Act.At.InZone(zone).LocalDateTime);
        model["reason"] = notice.Act.Reason ?? "";
        model["approved"] = notice.Approved;
        model["requestedUntil"] = notice.Request is { } r ? ChineseText.DateWithWeekday(r.Until) : "";
        model["requestReason"] = notice.Request?.Requested.Reason ?? "";
        model["due"] = ChineseText.DueDate(o.Due.Date, unconfirmed);
        model["daysLeft"] = ChineseText.DaysLeft(composed.Date, o.Due.Date);
        model["nextStep"] = next is null ? null : $"{ChineseText.KindLabel(NotificationKinds.Name(next.Kind))}：{ChineseText.DateTime(next.SendAt.WithZone(zone).LocalDateTime)}";
        model["actions"] = MessageComposer.ActionsModel(links);
        model["hasActions"] = links.Count > 0;
        return notice.Kind == NotificationKinds.Reopened ? "reopened" : "extension-decision";
    }
}
