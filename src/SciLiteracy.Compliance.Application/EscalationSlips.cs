using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Pipeline.Stages;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>
/// The 督办单 issued so far (their numbers are given as the escalations are recorded, see <see cref="EscalationNumbering"/>),
/// by jurisdiction, year and number: what each chases, whom it went to and whether the work is done since.
/// </summary>
public sealed class EscalationSlips(RuleSet rules, IStateStore store)
{
    public IReadOnlyList<EscalationSlip> List(Instant now, Func<string, bool>? visible = null)
    {
        var submissions = OccurrenceStates.SubmittedBy(store.Submissions(), now);
        var extensions = OccurrenceStates.GrantedBy(store.Extensions(), now);
        var planner = PlanStage.PlannerAt(rules, submissions, extensions, store.Progress(), now);
        var slips = new List<EscalationSlip>();
        foreach (var n in store.EscalationNumbers())
        {
            var (jurisdictionId, year) = EscalationNumbering.Parse(n.Series);
            if (visible is not null && !visible(jurisdictionId)) continue;
            if (!rules.Directories.TryGetValue(jurisdictionId, out var directory) || planner.Find(n.Key) is not { } occurrence) continue;
            var tracked = OccurrenceStates.Track(planner, occurrence, submissions, extensions);
            var o = tracked.Occurrence;
            var recipients = store.RowsOf(n.Key).Where(r => r.Kind == NotificationKinds.Escalate && r.Step == n.Step)
                .Select(r => directory.People.FirstOrDefault(p => string.Equals(p.AddressOn(r.Channel), r.Recipient, StringComparison.OrdinalIgnoreCase)) is { } p
                    ? $"{directory.FindUnit(p.UnitId)?.Name ?? p.UnitId} {p.Name}" : r.Recipient)
                .Distinct().ToList();
            slips.Add(new EscalationSlip(EscalationNumbering.Text(directory.Jurisdiction, year, n.Number), jurisdictionId, directory.Jurisdiction.Name,
                year, n.Number, EscalationNumbering.Color(o.Obligation.Ladder, n.Step), n.Key, n.Step, o.Obligation.Title, o.Unit.Name,
                ChineseText.PeriodOf(o), o.Due.Date, n.RecordedAt.InZone(directory.Jurisdiction.TimeZone).Date, recipients,
                o.Obligation.Source.Clause ?? "", o.Obligation.Source.Quote, tracked.Submission is not null));
        }
        return slips.OrderBy(s => s.JurisdictionId, StringComparer.Ordinal).ThenByDescending(s => s.Year).ThenByDescending(s => s.Number).ToList();
    }
}
