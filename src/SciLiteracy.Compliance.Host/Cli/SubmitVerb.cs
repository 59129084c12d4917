using System.CommandLine;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit submit`: records an occurrence as done; no later reminder or escalation is sent for it.</summary>
public static class SubmitVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var state = CommonOptions.State();
        var occurrence = StateVerbSupport.OccurrenceOptions.Create();
        var at = StateVerbSupport.AtOption("submitted");
        var by = new Option<string>("--by") { Description = "Who recorded it" };
        var note = new Option<string>("--note") { Description = "Free text, e.g. the document number" };
        var command = new Command("submit", "Record the work of an occurrence as done") { rules, state, at, by, note };
        occurrence.AddTo(command);
        command.SetAction(parse =>
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            var found = OccurrenceLookup.Find(set, occurrence.KeyOf(parse));
            var zone = set.DirectoryOf(found.Obligation).Jurisdiction.TimeZone;
            if (StateVerbSupport.MomentOrNow(parse, at, zone, output) is not { } when) return 1;
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            new SubmitWork(set, store).Run(found.Key, new Act(parse.GetValue(by) ?? "", when, parse.GetValue(note), Sources.Cli));
            output.Out.WriteLine($"submitted {found.Key} ({found.Obligation.Title}, {found.Unit.Name}) at {Json.Iso(when.InZone(zone))}");
            return 0;
        });
        return command;
    }
}
