using System.CommandLine;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Cli;

/// <summary>
/// `scilit requests add|list|approve|reject`: extension requests. A pending request moves nothing; approving it grants
/// the extension (the ladder moves), rejecting it records why.
/// </summary>
public static class RequestsVerb
{
    /// <summary>The JSON contract of `requests list --format json`.</summary>
    public sealed record RequestEntry(long Id, string Obligation, string Unit, string Period, string Until, string Status,
        StatusQuery.ActView Requested, StatusQuery.ActView? Decided);

    public static Command Create(CliOutput output)
    {
        var command = new Command("requests", "Extension requests: add, list, approve, reject");
        command.Subcommands.Add(Add(output));
        command.Subcommands.Add(List(output));
        command.Subcommands.Add(Decide(output, approve: true));
        command.Subcommands.Add(Decide(output, approve: false));
        return command;
    }

    private static Command Add(CliOutput output)
    {
        var verb = StateVerbSupport.OccurrenceVerb.Create("requested");
        var until = CommonOptions.Date("--until", "The due date asked for (YYYY-MM-DD, local)");
        var reason = new Option<string>("--reason") { Description = "Why more time is needed", Required = true };
        var by = StateVerbSupport.ByOption(required: true);
        var command = verb.AddTo(new Command("add", "Ask for a new due date (nothing moves until it is approved)") { until, reason, by });
        command.SetAction(parse =>
        {
            if (verb.Prepare(parse, output) is not { } act) return 1;
            var request = new RequestExtension(act.Rules, act.Store).Run(act.Occurrence.Key, parse.GetValue(until), act.By(parse.GetValue(by), parse.GetValue(reason)));
            output.Out.WriteLine($"request #{request.Id}: {request.Key} until {Iso.Of(request.Until)}, pending");
            return 0;
        });
        return command;
    }

    private static Command List(CliOutput output)
    {
        var state = CommonOptions.State();
        var all = new Option<bool>("--all") { Description = "Also the approved and rejected ones" };
        var format = CommonOptions.Format();
        var command = new Command("list", "List the pending extension requests (--all: every one)") { state, all, format };
        command.SetAction(parse =>
        {
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            var entries = new ListRequests(store).Run(parse.GetValue(all) ? null : RequestStatus.Pending).Select(r => new RequestEntry(
                r.Id, r.Key.ObligationId, r.Key.UnitId, r.Key.Period, Iso.Of(r.Until), r.Status.ToString().ToLowerInvariant(),
                View(r.Requested), r.Decided is { } d ? View(d) : null)).ToList();
            if (parse.GetValue(format) == "json") output.Out.WriteLine(Json.Serialize(entries));
            else
            {
                foreach (var e in entries)
                    output.Out.WriteLine($"#{e.Id}  {e.Status,-8}  {e.Obligation}/{e.Unit}/{e.Period}  until {e.Until}  by {e.Requested.By}: {e.Requested.Reason}");
                output.Out.WriteLine($"{entries.Count} request(s)");
            }
            return 0;
        });
        return command;
    }

    private static StatusQuery.ActView View(Act a) => new(a.By, NodaTime.Text.InstantPattern.ExtendedIso.Format(a.At), a.Reason, a.Source);

    private static Command Decide(CliOutput output, bool approve)
    {
        var rules = CommonOptions.Rules();
        var state = CommonOptions.State();
        var id = new Argument<long>("id") { Description = "The request's number, as `requests list` shows it" };
        var by = StateVerbSupport.ByOption(required: true);
        var reason = new Option<string>("--reason") { Description = approve ? "A note on the approval" : "Why it is rejected", Required = !approve };
        var at = StateVerbSupport.AtOption(approve ? "approved" : "rejected");
        var command = new Command(approve ? "approve" : "reject", approve ? "Approve a request: the extension is granted" : "Reject a request, saying why")
            { id, rules, state, by, reason, at };
        command.SetAction(parse =>
        {
            if (RuleSetLoading.LoadOrReport(parse.GetValue(rules)!, output) is not { } set) return 1;
            var zone = set.Directories.Values.FirstOrDefault()?.Jurisdiction.TimeZone ?? NodaTime.DateTimeZone.Utc;
            if (StateVerbSupport.MomentOrNow(parse, at, zone, output) is not { } when) return 1;
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            var decided = new DecideRequest(store).Run(parse.GetValue(id), approve, new Act(parse.GetValue(by)!, when, parse.GetValue(reason), Sources.Cli));
            output.Out.WriteLine($"request #{decided.Id}: {decided.Key} {decided.Status.ToString().ToLowerInvariant()}" +
                (approve ? $"; due {Iso.Of(decided.Until)}" : ""));
            return 0;
        });
        return command;
    }
}
