using System.CommandLine;
using System.Globalization;
using SciLiteracy.Compliance.Application;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit plan`: every occurrence in a window and every notification it causes if nothing is submitted.</summary>
public static class PlanVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var from = CommonOptions.Date("--from", "First day of the window (YYYY-MM-DD, local)");
        var to = CommonOptions.Date("--to", "Last day of the window (YYYY-MM-DD, local)");
        var format = CommonOptions.Format();
        var state = CommonOptions.State();
        var command = new Command("plan", "Show every occurrence in a window and the notifications it will cause if nothing is submitted")
            { rules, from, to, format, state };
        command.SetAction(parse =>
        {
            var (start, end) = (parse.GetValue(from), parse.GetValue(to));
            // Conditions read recorded progress, submissions and extensions; planning never creates a state file.
            var stateFile = parse.GetValue(state)!;
            var store = File.Exists(stateFile) ? StateVerbSupport.OpenState(stateFile, output) : null;
            if (File.Exists(stateFile) && store is null) return 1;
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            var plan = new PlanQuery(set, store).Run(start, end, output.Clock.GetCurrentInstant());
            if (parse.GetValue(format) == "json") output.Out.WriteLine(Json.Serialize(plan));
            else WriteTable(plan, output.Out);
            return 0;
        });
        return command;
    }

    private static void WriteTable(IReadOnlyList<PlanQuery.PlannedOccurrence> plan, TextWriter w)
    {
        foreach (var o in plan)
        {
            w.WriteLine($"{o.Due}  {o.Obligation}  {o.Unit} {o.UnitName}  {o.Period}{(o.Assumed ? "  [assumed date 假定日期]" : "")}{(o.Unconfirmed ? "  [待国务院安排确认: no holiday data for the year]" : "")}");
            if (o.Target is { } target) w.WriteLine($"    {target}");
            foreach (var n in o.Notifications)
                w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {n.Kind,-8} #{n.Step}  {n.SendAt}  {(n.Recipients.Count == 0 ? "(no recipient)" : string.Join(", ", n.Recipients))}"));
        }
        w.WriteLine($"{plan.Count} occurrence(s), {plan.Sum(o => o.Notifications.Count)} notification(s)");
    }
}
