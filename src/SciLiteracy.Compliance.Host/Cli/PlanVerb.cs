using System.CommandLine;
using System.Globalization;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit plan`: every occurrence in a window and every notification it causes if nothing is submitted.</summary>
public static class PlanVerb
{
    /// <summary>The JSON contract of `plan --format json` (docs/rule-format.md).</summary>
    public sealed record PlannedOccurrence(
        string Obligation, string Jurisdiction, string Unit, string UnitName, string Period, string Due, bool Assumed,
        IReadOnlyList<PlannedMessage> Notifications, TargetProgress? Target = null);

    /// <summary>Where a `kind: target` occurrence stands: the latest measurement, the value expected then, and the state.</summary>
    public sealed record TargetProgress(decimal Value, string Unit, decimal? Latest, string? LatestAsOf, decimal Expected, string State)
    {
        public static TargetProgress? Of(Occurrence o, IReadOnlyList<ProgressRecord> progress, Instant now)
        {
            if (o.Obligation.Target is not { } target) return null;
            var today = now.InZone(o.Due.Zone).Date;
            var s = TargetStanding.Known(target, progress, o.Obligation.Id, o.Unit.Id, now, today);
            return new(target.Value, target.Unit, s.Latest?.Value, s.Latest is { } l ? l.AsOf.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) : null,
                Math.Round(s.Expected, 4), TargetStanding.StateName(s.State));
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"target {Value}{Unit}, latest {(Latest is { } l ? $"{l}{Unit} ({LatestAsOf})" : "none")}, expected {Expected:0.##}{Unit}: {State}");
    }

    /// <summary>A window that ends in the past shows targets as they stood at its end, not as today judges them (met or missed).</summary>
    private static Instant JudgedAt(Occurrence o, LocalDate windowEnd, Instant now)
    {
        var end = windowEnd.At(Domain.Organization.Jurisdiction.EndOfDay).InZoneLeniently(o.Due.Zone).ToInstant();
        return end < now ? end : now;
    }

    public sealed record PlannedMessage(string Kind, int Step, string SendAt, IReadOnlyList<string> Recipients);

    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var from = CommonOptions.Date("--from", "First day of the window (YYYY-MM-DD, local)");
        var to = CommonOptions.Date("--to", "Last day of the window (YYYY-MM-DD, local)");
        var format = CommonOptions.Format();
        var state = ProgressVerb.State();
        var command = new Command("plan", "Show every occurrence in a window and the notifications it will cause if nothing is submitted")
            { rules, from, to, format, state };
        command.SetAction(parse =>
        {
            var (start, end) = (parse.GetValue(from), parse.GetValue(to));
            if (start > end)
            {
                output.Err.WriteLine($"error: --from {start:uuuu-MM-dd} is after --to {end:uuuu-MM-dd}");
                return 1;
            }
            // Conditions read recorded progress, submissions and extensions; planning never creates a state file.
            var stateFile = parse.GetValue(state)!;
            var store = File.Exists(stateFile) ? StateVerbSupport.OpenState(stateFile, output) : null;
            if (File.Exists(stateFile) && store is null) return 1;
            var now = NodaTime.SystemClock.Instance.GetCurrentInstant();
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            var progress = store?.Progress() ?? [];
            var planner = store is null ? new Planner(set)
                : Notifications.Pipeline.OccurrenceStates.PlannerOver(set, Notifications.Pipeline.OccurrenceStatusView.Of(store, now), new KnownProgress(progress, now));
            var plan = planner.Plan(start, end)
                .Select(p => ToContract(p.Occurrence, p.Notifications) with { Target = TargetProgress.Of(p.Occurrence, progress, JudgedAt(p.Occurrence, end, now)) }).ToList();
            if (parse.GetValue(format) == "json") output.Out.WriteLine(Json.Serialize(plan));
            else WriteTable(plan, output.Out);
            return 0;
        });
        return command;
    }

    public static PlannedOccurrence ToContract(Occurrence o, IEnumerable<PlannedNotification> notifications) => new(
        o.Obligation.Id, o.Obligation.JurisdictionId, o.Unit.Id, o.Unit.Name, o.Period, Json.Iso(o.Due), o.Obligation.Assumed,
        notifications.Select(n => new PlannedMessage(KindName(n.Kind), n.Step, Json.Iso(n.SendAt), n.Recipients.Select(r => r.Email).ToList())).ToList());

    public static string KindName(NotificationKind kind) => NotificationKinds.Name(kind);

    private static void WriteTable(IReadOnlyList<PlannedOccurrence> plan, TextWriter w)
    {
        foreach (var o in plan)
        {
            w.WriteLine($"{o.Due}  {o.Obligation}  {o.Unit} {o.UnitName}  {o.Period}{(o.Assumed ? "  [assumed date 假定日期]" : "")}");
            if (o.Target is { } target) w.WriteLine($"    {target}");
            foreach (var n in o.Notifications)
                w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {n.Kind,-8} #{n.Step}  {n.SendAt}  {(n.Recipients.Count == 0 ? "(no recipient)" : string.Join(", ", n.Recipients))}"));
        }
        w.WriteLine($"{plan.Count} occurrence(s), {plan.Sum(o => o.Notifications.Count)} notification(s)");
    }
}
