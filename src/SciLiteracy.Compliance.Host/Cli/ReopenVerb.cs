using System.CommandLine;
using SciLiteracy.Compliance.Application;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit reopen`: 退办, a submitted occurrence is open again and its ladder starts again.</summary>
public static class ReopenVerb
{
    public static Command Create(CliOutput output)
    {
        var verb = StateVerbSupport.OccurrenceVerb.Create("reopened");
        var by = StateVerbSupport.ByOption(required: true);
        var reason = new Option<string>("--reason") { Description = "Why the submission was sent back, e.g. 材料不全", Required = true };
        var command = verb.AddTo(new Command("reopen", "Reopen (退办) a submitted occurrence: its ladder starts again") { by, reason });
        command.SetAction(parse =>
        {
            if (verb.Prepare(parse, output) is not { } act) return 1;
            var reopened = new ReopenOccurrence(act.Rules, act.Store).Run(act.Occurrence.Key, act.By(parse.GetValue(by), parse.GetValue(reason)));
            output.Out.WriteLine($"reopened {act.Described}" +
                (reopened.Withdrawn is { } s ? $"; the submission of {Json.Iso(s.At.InZone(act.Zone))} is withdrawn" : ""));
            return 0;
        });
        return command;
    }
}
