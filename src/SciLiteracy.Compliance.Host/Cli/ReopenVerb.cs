using System.CommandLine;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit reopen`: 退办, a submitted occurrence is open again and its ladder starts again.</summary>
public static class ReopenVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var state = CommonOptions.State();
        var occurrence = StateVerbSupport.OccurrenceOptions.Create();
        var at = StateVerbSupport.AtOption("reopened");
        var by = StateVerbSupport.ByOption(required: true);
        var reason = new Option<string>("--reason") { Description = "Why the submission was sent back, e.g. 材料不全", Required = true };
        var command = new Command("reopen", "Reopen (退办) a submitted occurrence: its ladder starts again") { rules, state, at, by, reason };
        occurrence.AddTo(command);
        command.SetAction(parse =>
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            var found = OccurrenceLookup.Find(set, occurrence.KeyOf(parse));
            var zone = set.DirectoryOf(found.Obligation).Jurisdiction.TimeZone;
            if (StateVerbSupport.MomentOrNow(parse, at, zone, output) is not { } when) return 1;
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            var reopened = new ReopenOccurrence(set, store).Run(found.Key, new Act(parse.GetValue(by)!, when, parse.GetValue(reason), Sources.Cli));
            output.Out.WriteLine($"reopened {found.Key} ({found.Obligation.Title}, {found.Unit.Name}) at {Json.Iso(when.InZone(zone))}" +
                (reopened.Withdrawn is { } s ? $"; the submission of {Json.Iso(s.At.InZone(zone))} is withdrawn" : ""));
            return 0;
        });
        return command;
    }
}
