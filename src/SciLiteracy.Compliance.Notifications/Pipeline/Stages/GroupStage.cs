using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage group: everything new for one address on one channel in this cycle becomes one message (a digest); summaries,
/// failure notices and each decision told to a unit stay messages of their own, and at-risk notices travel together, as do the notices of 办结. The id follows from the rows
/// and the moment alone.
/// </summary>
public sealed class GroupStage(PipelineOptions options) : ICycleStage
{
    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        c.NewRows = Group(c.NewRows, c, options.From);
        return Task.CompletedTask;
    }

    public static List<LedgerRow> Group(List<LedgerRow> rows, CycleContext c, string from)
    {
        var result = rows.Where(r => r.Status != LedgerStatus.Pending).ToList();
        foreach (var group in rows.Where(r => r.Status == LedgerStatus.Pending)
                     .GroupBy(r => (r.Channel, r.Recipient.ToLowerInvariant(),
                         r.Kind == NotificationKinds.Summary || r.Kind == NotificationKinds.Flag ? r.Kind + r.Key
                         : NotificationKinds.IsDecision(r.Kind) ? $"{r.Kind}{r.Key}#{r.Step}"
                         : r.Kind == NotificationKinds.AtRisk || r.Kind == NotificationKinds.Done ? r.Kind : "")))
        {
            var id = MessageIds.Of(group.Select(r => r.Identity.HashText), c.Now, from);
            result.AddRange(group.Select(r => r with { MessageId = id }));
        }
        return result;
    }
}
