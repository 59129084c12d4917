using System.CommandLine;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit ack`: 签收, the unit has seen an occurrence; urging and escalation stop, reminders go on until it is done.</summary>
public static class AckVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var state = CommonOptions.State();
        var occurrence = StateVerbSupport.OccurrenceOptions.Create();
        var at = StateVerbSupport.AtOption("acknowledged");
        var by = StateVerbSupport.ByOption(required: true);
        var note = new Option<string>("--note") { Description = "Free text, e.g. 已收到，正在准备材料" };
        var command = new Command("ack", "Acknowledge (签收) an occurrence: no more urging or escalation for it") { rules, state, at, by, note };
        occurrence.AddTo(command);
        command.SetAction(parse =>
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            var found = OccurrenceLookup.Find(set, occurrence.KeyOf(parse));
            var zone = set.DirectoryOf(found.Obligation).Jurisdiction.TimeZone;
            if (StateVerbSupport.MomentOrNow(parse, at, zone, output) is not { } when) return 1;
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            new Acknowledge(set, store).Run(found.Key, new Act(parse.GetValue(by)!, when, parse.GetValue(note), Sources.Cli));
            output.Out.WriteLine($"acknowledged {found.Key} ({found.Obligation.Title}, {found.Unit.Name}) at {Json.Iso(when.InZone(zone))}");
            return 0;
        });
        return command;
    }
}
