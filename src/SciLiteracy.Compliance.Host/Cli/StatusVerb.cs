using System.CommandLine;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit status`: every occurrence due up to 60 days ahead, its state and the last notification sent.</summary>
public static class StatusVerb
{
    public sealed record OccurrenceStatus(string Obligation, string Unit, string UnitName, string Period, string Due, string State,
        string? SubmittedAt, string? ExtendedUntil, LastNotification? LastNotification, PlanVerb.TargetProgress? Target);

    public sealed record LastNotification(string Kind, int Step, string SentAt, IReadOnlyList<string> Recipients);

    private const int AheadDays = 60;

    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var state = CommonOptions.State();
        var format = CommonOptions.Format();
        var asOf = new Option<string>("--as-of") { Description = "Show the state at this moment instead of now (YYYY-MM-DD or YYYY-MM-DDTHH:MM, local)" };
        var command = new Command("status", $"Every occurrence due up to {AheadDays} days ahead: open, submitted, extended or overdue") { rules, state, format, asOf };
        command.SetAction(parse =>
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            var zone = set.Directories.Values.FirstOrDefault()?.Jurisdiction.TimeZone ?? DateTimeZone.Utc;
            var now = SystemClock.Instance.GetCurrentInstant();
            if (parse.GetValue(asOf) is { } text)
            {
                if (StateVerbSupport.ParseMoment(text, zone) is not { } parsed)
                {
                    output.Err.WriteLine($"error: --as-of '{text}' is not a date or time; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM");
                    return 1;
                }
                now = parsed;
            }
            var progress = store.Progress();
            var planner = OccurrenceStates.PlannerOver(set, OccurrenceStatusView.Of(store, now), new KnownProgress(progress, now));
            var sent = store.Ledger().Where(r => r.Status == LedgerStatus.Sent).ToLookup(r => r.Key);
            var horizon = now + Duration.FromDays(AheadDays);
            var rows = OccurrenceStates.Around(planner, now, store)
                .Where(t => t.Occurrence.Due.ToInstant() <= horizon)
                .Select(t => ToStatus(t, now, sent[t.Occurrence.Key], set.DirectoryOf(t.Occurrence.Obligation).Jurisdiction.TimeZone)
                    with { Target = PlanVerb.TargetProgress.Of(t.Occurrence, progress, now) })
                .ToList();
            if (parse.GetValue(format) == "json") output.Out.WriteLine(Json.Serialize(rows));
            else
            {
                foreach (var r in rows)
                    output.Out.WriteLine($"{r.Due}  {r.State,-9}  {r.Obligation}  {r.Unit} {r.UnitName}  {r.Period}" +
                        (r.LastNotification is { } l ? $"  last: {l.Kind}#{l.Step} {l.SentAt}" : "  last: none") +
                        (r.Target is { } target ? $"  {target}" : ""));
                output.Out.WriteLine($"{rows.Count} occurrence(s): {rows.Count(r => r.State == "overdue")} overdue, {rows.Count(r => r.State == "submitted")} submitted");
            }
            return 0;
        });
        return command;
    }

    private static OccurrenceStatus ToStatus(TrackedOccurrence t, Instant now, IEnumerable<LedgerRow> sent, DateTimeZone zone)
    {
        var o = t.Occurrence;
        var last = sent.OrderBy(r => r.SentAt).ThenBy(r => r.ComposedAt).LastOrDefault();
        var lastGroup = last is null ? null
            : new LastNotification(last.Kind, last.Step, Json.Iso(last.SentAt!.Value.InZone(zone)),
                sent.Where(r => r.Kind == last.Kind && r.Step == last.Step).Select(r => r.Recipient).ToList());
        return new OccurrenceStatus(o.Obligation.Id, o.Unit.Id, o.Unit.Name, o.Period, Json.Iso(o.Due),
            t.StateAt(now).ToString().ToLowerInvariant(),
            t.Submission is null ? null : Json.Iso(t.Submission.At.InZone(zone)),
            t.Extension is null ? null : t.Extension.Until.ToString("uuuu-MM-dd", null),
            lastGroup, null);
    }
}
