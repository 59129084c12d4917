using System.CommandLine;
using SciLiteracy.Compliance.Application;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit ack`: 签收, the unit has seen an occurrence; urging and escalation stop, reminders go on until it is done.</summary>
public static class AckVerb
{
    public static Command Create(CliOutput output)
    {
        var verb = StateVerbSupport.OccurrenceVerb.Create("acknowledged");
        var by = StateVerbSupport.ByOption(required: true);
        var note = new Option<string>("--note") { Description = "Free text, e.g. 已收到，正在准备材料" };
        var command = verb.AddTo(new Command("ack", "Acknowledge (签收) an occurrence: no more urging or escalation for it") { by, note });
        command.SetAction(parse =>
        {
            if (verb.Prepare(parse, output) is not { } act) return 1;
            new Acknowledge(act.Rules, act.Store).Run(act.Occurrence.Key, act.By(parse.GetValue(by), parse.GetValue(note)));
            output.Out.WriteLine($"acknowledged {act.Described}");
            return 0;
        });
        return command;
    }
}
