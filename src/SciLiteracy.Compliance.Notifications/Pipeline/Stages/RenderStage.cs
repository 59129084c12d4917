using System.Runtime.ExceptionServices;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage render: the outbox (pending rows due now, by message, oldest first) through the templates. Rendering is pure
/// and most of a busy cycle's time (a weekly summary is a table of every unit × obligation): a window of messages is
/// composed on every core, then handed on one by one in order.
/// </summary>
public sealed class RenderStage(MessageRenderer renderer, PipelineOptions options) : ICycleStage
{
    private const int Window = 64;

    public Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        var store = c.Store;
        // Decisions are read only when a decision notice is in the outbox (thread-safe: messages are composed in parallel).
        var decisions = new Lazy<(IReadOnlyList<ExtensionRequest> Requests, IReadOnlyList<Reopening> Reopenings)>(() => (store.Requests(), store.Reopenings()));
        var composer = new MessageComposer(c.Rules, c.Planner, renderer, options,
            OccurrenceStates.SubmittedBy(store.Submissions(), c.Now), OccurrenceStates.GrantedBy(store.Extensions(), c.Now), store.Message, c.Progress,
            row => DecisionNotice.Find(row, decisions.Value.Requests, decisions.Value.Reopenings),
            store.Reopenings().Where(r => r.Act.At <= c.Now).GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Count()),
            store.EscalationNumbers().ToDictionary(n => (n.Key, n.Step)));
        // A flagged row waits for the office (`scilit retry`), never for a timer.
        var outbox = store.Waiting()
            .Where(r => r.Status == LedgerStatus.Pending && r.MessageId is not null && (r.NextAttemptAt is null || r.NextAttemptAt <= c.Now))
            .GroupBy(r => r.MessageId!)
            .OrderBy(g => g.Min(r => r.ComposedAt)).ThenBy(g => g.First().Recipient, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal);
        c.Outbox = ComposedAhead(composer, outbox, cancellationToken);
        return Task.CompletedTask;
    }

    private static IEnumerable<(List<LedgerRow> Rows, ChannelMessage? Message)> ComposedAhead(
        MessageComposer composer, IEnumerable<IGrouping<string, LedgerRow>> outbox, CancellationToken cancellationToken)
    {
        foreach (var chunk in outbox.Select(g => (Id: g.Key, Rows: g.ToList())).Chunk(Window))
        {
            var messages = new ChannelMessage?[chunk.Length];
            try
            {
                Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = cancellationToken },
                    i => messages[i] = composer.Compose(chunk[i].Id, chunk[i].Rows));
            }
            catch (AggregateException e) // a template that fails is reported as itself, as when composing one by one
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            for (var i = 0; i < chunk.Length; i++) yield return (chunk[i].Rows, messages[i]);
        }
    }
}
