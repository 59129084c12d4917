using System.CommandLine;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.Composition;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Web;
using SciLiteracy.Compliance.Web.Tokens;
using SciLiteracy.Compliance.Worker;

namespace SciLiteracy.Compliance.Cli;

/// <summary>
/// `scilit link`: prints the one-click links (签收, 办结, 申请延期) of an occurrence for one recipient, signed with the
/// service's key, so the office can send them again by hand.
/// </summary>
public static class LinkVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = new Option<string?>("--rules") { Description = "Directory of rule files (default: Compliance:RulesDirectory, else rules)" };
        var state = new Option<string?>("--state") { Description = "State file; the token key lives beside it (default: Compliance:StateFile)" };
        var occurrence = StateVerbSupport.OccurrenceOptions.Create();
        var recipient = new Option<string?>("--recipient") { Description = "Email address the links are for (default: the unit's first contact)" };
        var validFor = new Option<int?>("--valid-for") { Description = "Days the links stay valid from now (default: until the due date + Web:TokenValidDaysAfterDue days)" };
        var purpose = new Option<string?>("--purpose") { Description = "Only this link: ack, done or extend" };
        purpose.AcceptOnlyFromAmong("ack", "done", "extend");
        var command = new Command("link", "Print the signed one-click links of an occurrence for a recipient") { rules, state, recipient, validFor, purpose };
        occurrence.AddTo(command);
        command.SetAction(parse =>
        {
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(rules) is { } r) overrides["Compliance:RulesDirectory"] = r;
            if (parse.GetValue(state) is { } s) overrides["Compliance:StateFile"] = s;
            var configuration = WorkerHost.CreateBuilder(overrides).Configuration;
            WorkerSettings worker;
            WebSettings web;
            try { (worker, web) = (WorkerSettings.From(configuration), WebSettings.From(configuration)); }
            catch (Exception e) when (e is SettingsException or InvalidOperationException)
            {
                output.Err.WriteLine($"error: {e.Message}");
                return 2;
            }
            if (RuleSetLoading.LoadOrReport(worker.RulesDirectory, output) is not { } set) return 1;
            var found = OccurrenceLookup.Find(set, occurrence.KeyOf(parse));
            if (StateVerbSupport.OpenState(worker.StateFile, output) is not { } store) return 1;
            var planner = new Planner(set);
            var tracked = OccurrenceStates.Track(planner, found, store.Submissions(), store.Extensions());
            if (tracked.Submission is not null)
            {
                output.Err.WriteLine($"error: {found.Key} is done (办结); its links would be refused");
                return 1;
            }
            var recipients = planner.Notifications(tracked.Occurrence).SelectMany(n => n.Recipients).Select(x => x.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var to = parse.GetValue(recipient) ?? recipients.FirstOrDefault();
            if (to is null || !recipients.Contains(to, StringComparer.OrdinalIgnoreCase))
            {
                output.Err.WriteLine($"error: '{to}' is not a recipient of {found.Key}; recipients: {string.Join(", ", recipients)}");
                return 1;
            }
            byte[] key;
            try { key = TokenKeyFile.Load(web.TokenKey, worker.StateFile); }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                output.Err.WriteLine($"error: {e.Message}");
                return 2;
            }
            var links = new ActionLinks(new ActionTokenSigner(key), web);
            Instant? expires = parse.GetValue(validFor) is { } days
                ? output.Clock.GetCurrentInstant() + Duration.FromDays(days)
                : null;
            var only = ActionPurposes.FromSlug(parse.GetValue(purpose));
            foreach (var p in Enum.GetValues<ActionPurpose>().Where(p => only is null || p == only))
                output.Out.WriteLine(only is null ? $"{ActionPurposes.Label(p)}\t{links.Link(tracked.Occurrence, to, p, expires)}" : links.Link(tracked.Occurrence, to, p, expires));
            return 0;
        });
        return command;
    }
}
