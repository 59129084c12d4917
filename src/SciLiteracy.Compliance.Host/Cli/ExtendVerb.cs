using System.CommandLine;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit extend`: grants an occurrence a new due date; its whole ladder moves with it.</summary>
public static class ExtendVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var state = CommonOptions.State();
        var occurrence = StateVerbSupport.OccurrenceOptions.Create();
        var until = CommonOptions.Date("--until", "New due date (YYYY-MM-DD, local)");
        var reason = new Option<string>("--reason") { Description = "Why the extension was granted", Required = true };
        var at = StateVerbSupport.AtOption("granted");
        var by = StateVerbSupport.ByOption(required: false);
        var command = new Command("extend", "Grant an occurrence a new due date") { rules, state, until, reason, at, by };
        occurrence.AddTo(command);
        command.SetAction(parse =>
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            var found = OccurrenceLookup.Find(set, occurrence.KeyOf(parse));
            var zone = set.DirectoryOf(found.Obligation).Jurisdiction.TimeZone;
            if (StateVerbSupport.MomentOrNow(parse, at, zone, output) is not { } when) return 1;
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            var (before, after) = new GrantExtension(set, store).Run(found.Key, parse.GetValue(until), new Act(parse.GetValue(by) ?? "", when, parse.GetValue(reason), Sources.Cli));
            output.Out.WriteLine($"extended {found.Key}: due {Json.Iso(before.Due)} → {Json.Iso(after.Due)}");
            return 0;
        });
        return command;
    }
}
