using System.CommandLine;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Cli;

/// <summary>
/// `scilit retry`: the office asks for flagged messages to be sent again — refused by the server (5xx), given up after the
/// attempt limit, or given up after a second lost reply. Nothing flagged is ever retried otherwise. The running service
/// sends them at its next evaluation, with the full attempt budget again.
/// </summary>
public static class RetryVerb
{
    public static Command Create(CliOutput output)
    {
        var state = CommonOptions.State();
        var message = new Option<string[]>("--message") { Description = "Message-ID of a flagged message (as the failure notice and `--list` show it); repeatable", AllowMultipleArgumentsPerToken = true };
        var recipient = new Option<string>("--recipient") { Description = "Every flagged message to this address" };
        var all = new Option<bool>("--all") { Description = "Every flagged message" };
        var list = new Option<bool>("--list") { Description = "Only list the flagged messages, change nothing" };
        var command = new Command("retry", "Send flagged messages again (each is flagged after a refusal or the attempt limit, and never retried by itself)")
            { state, message, recipient, all, list };
        command.SetAction(parse =>
        {
            var ids = parse.GetValue(message) ?? [];
            var to = parse.GetValue(recipient);
            var listOnly = parse.GetValue(list);
            if (!listOnly && ids.Length == 0 && to is null && !parse.GetValue(all))
            {
                output.Err.WriteLine("error: say which flagged messages to retry: --message ID, --recipient ADDRESS or --all (--list shows them)");
                return 1;
            }
            if (StateVerbSupport.OpenState(parse.GetValue(state)!, output) is not { } store) return 1;
            var flagged = store.Waiting().Where(r => r.Status == LedgerStatus.FailedFlagged && r.MessageId is not null)
                .GroupBy(r => r.MessageId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var unknown = ids.Where(id => !flagged.ContainsKey(id.Trim('<', '>'))).ToList();
            foreach (var id in unknown) output.Err.WriteLine($"error: no flagged message '{id}'; `scilit retry --list` shows the flagged ones");
            if (unknown.Count > 0) return 1;
            var chosen = flagged.Where(m => listOnly || parse.GetValue(all) || ids.Any(id => id.Trim('<', '>') == m.Key)
                    || (to is not null && m.Value.Any(r => string.Equals(r.Recipient, to, StringComparison.OrdinalIgnoreCase))))
                .OrderBy(m => m.Value.Min(r => r.ComposedAt)).ToList();
            foreach (var (id, rows) in chosen)
                output.Out.WriteLine($"{(listOnly ? "flagged" : "retry")} {id} to {rows[0].Recipient} ({rows.Count} notification(s), " +
                    $"{rows.Max(r => r.Attempts)} attempt(s)): {rows[0].LastError}");
            if (!listOnly)
                store.Update(chosen.SelectMany(m => m.Value)
                    .Select(r => r with { Status = LedgerStatus.Pending, Attempts = 0, NextAttemptAt = null }).ToList());
            output.Out.WriteLine(listOnly ? $"{chosen.Count} flagged message(s)"
                : $"{chosen.Count} message(s) to be sent again at the service's next evaluation");
            return 0;
        });
        return command;
    }
}
