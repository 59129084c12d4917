using System.CommandLine;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.Notifications.Pipeline;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit status`: every occurrence due up to 60 days ahead, its state and the last notification sent.</summary>
public static class StatusVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var state = CommonOptions.State();
        var format = CommonOptions.Format();
        var asOf = new Option<string>("--as-of") { Description = "Show the state at this moment instead of now (YYYY-MM-DD or YYYY-MM-DDTHH:MM, local)" };
        var all = new Option<bool>("--all") { Description = "Also list archived items: stale overdue items of ended plans (they are counted apart otherwise)" };
        var archiveAfter = new Option<int>("--archive-after")
        {
            Description = "Days an item of an ended plan stays overdue before it is archived",
            DefaultValueFactory = _ => Backlog.DefaultArchiveAfterDays,
        };
        var command = new Command("status", $"Every occurrence due up to {StatusQuery.AheadDays} days ahead: open, submitted, extended or overdue; stale items of ended plans archived")
            { rules, state, format, asOf, all, archiveAfter };
        command.SetAction(parse =>
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            var zone = set.Directories.Values.FirstOrDefault()?.Jurisdiction.TimeZone ?? NodaTime.DateTimeZone.Utc;
            var now = output.Clock.GetCurrentInstant();
            if (parse.GetValue(asOf) is { } text)
            {
                if (StateVerbSupport.ParseMoment(text, zone) is not { } parsed)
                {
                    output.Err.WriteLine($"error: --as-of '{text}' is not a date or time; expected YYYY-MM-DD or YYYY-MM-DDTHH:MM");
                    return 1;
                }
                now = parsed;
            }
            var report = new StatusQuery(set, store).Run(now, parse.GetValue(all), parse.GetValue(archiveAfter));
            var rows = report.Rows;
            if (parse.GetValue(format) == "json") output.Out.WriteLine(Json.Serialize(rows));
            else
            {
                foreach (var r in rows)
                    output.Out.WriteLine($"{r.Due}  {r.State,-9}  {r.Obligation}  {r.Unit} {r.UnitName}  {r.Period}" +
                        (r.LastNotification is { } l ? $"  last: {l.Kind}#{l.Step} {l.SentAt}" : "  last: none") +
                        (r.Target is { } target ? $"  {target}" : "") +
                        (r.Acknowledged is { } a ? $"  acknowledged by {a.By}" : "") +
                        (r.Requested is { } q ? $"  request #{q.Id} until {q.Until}" : "") +
                        (r.Reopened is { } o ? $"  reopened by {o.By}" : ""));
                output.Out.WriteLine($"{rows.Count} occurrence(s): {report.Overdue} overdue, {rows.Count(r => r.State == "submitted")} submitted; " +
                    $"{report.Archived} archived (overdue more than {parse.GetValue(archiveAfter)} days, plan ended{(parse.GetValue(all) ? "" : "; --all lists them")})");
            }
            return 0;
        });
        return command;
    }
}
