using System.CommandLine;
using SciLiteracy.Compliance.Application;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit submit`: records an occurrence as done; no later reminder or escalation is sent for it.</summary>
public static class SubmitVerb
{
    public static Command Create(CliOutput output)
    {
        var verb = StateVerbSupport.OccurrenceVerb.Create("submitted");
        var by = new Option<string>("--by") { Description = "Who recorded it" };
        var note = new Option<string>("--note") { Description = "Free text, e.g. the document number" };
        var command = verb.AddTo(new Command("submit", "Record the work of an occurrence as done") { by, note });
        command.SetAction(parse =>
        {
            if (verb.Prepare(parse, output) is not { } act) return 1;
            new SubmitWork(act.Rules, act.Store).Run(act.Occurrence.Key, act.By(parse.GetValue(by), parse.GetValue(note)));
            output.Out.WriteLine($"submitted {act.Described}");
            return 0;
        });
        return command;
    }
}
