using System.CommandLine;
using SciLiteracy.Compliance.Application;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit extend`: grants an occurrence a new due date; its whole ladder moves with it.</summary>
public static class ExtendVerb
{
    public static Command Create(CliOutput output)
    {
        var verb = StateVerbSupport.OccurrenceVerb.Create("granted");
        var until = CommonOptions.Date("--until", "New due date (YYYY-MM-DD, local)");
        var reason = new Option<string>("--reason") { Description = "Why the extension was granted", Required = true };
        var by = StateVerbSupport.ByOption(required: false);
        var command = verb.AddTo(new Command("extend", "Grant an occurrence a new due date") { until, reason, by });
        command.SetAction(parse =>
        {
            if (verb.Prepare(parse, output) is not { } act) return 1;
            var (before, after) = new GrantExtension(act.Rules, act.Store).Run(act.Occurrence.Key, parse.GetValue(until), act.By(parse.GetValue(by), parse.GetValue(reason)));
            output.Out.WriteLine($"extended {before.Key}: due {Json.Iso(before.Due)} → {Json.Iso(after.Due)}");
            return 0;
        });
        return command;
    }
}
