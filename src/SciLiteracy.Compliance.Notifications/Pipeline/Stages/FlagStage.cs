using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline.Stages;

/// <summary>
/// Stage flag: a message that failed <see cref="PipelineOptions.MaxAttempts"/> times is reported to the office's liaison
/// in the same cycle. A pass that sends the notices may flag another message (one the first pass did not reach because
/// the channel was down), whose notice is recorded in turn. Each message is flagged once.
/// </summary>
public sealed class FlagStage(RenderStage render, SendStage send) : ICycleStage
{
    public const string FailureObligation = "delivery-failure";

    public async Task RunAsync(CycleContext c, CancellationToken cancellationToken)
    {
        while (c.Flags.Count > 0)
        {
            var flags = c.Flags;
            c.Flags = [];
            c.Store.Record(flags);
            c.RecordedIdentities.UnionWith(flags.Select(f => f.Identity));
            await render.RunAsync(c, cancellationToken);
            await send.RunAsync(c, cancellationToken);
        }
    }

    /// <summary>The notice rows about a failed message; none about a failure notice, which would only repeat itself (those are given up without one).</summary>
    public static IEnumerable<LedgerRow> FailureNotice(CycleContext c, IReadOnlyList<LedgerRow> rows, ChannelMessage failed, string from)
    {
        if (rows.Any(r => r.Kind == NotificationKinds.Flag)) yield break;
        var directory = MessageComposer.DirectoryOf(c.Rules, rows[0]);
        if (directory?.Office is not { } office) yield break;
        var key = new OccurrenceKey(FailureObligation, directory.Jurisdiction.Id, failed.MessageId);
        foreach (var person in directory.PeopleOf(office.Id, Role.Liaison))
            foreach (var row in c.RowsFor(person.AddressOn, (_, address) => new LedgerRow(key, NotificationKinds.Flag, 1, address,
                         LedgerStatus.Pending, 0, null, null, null, false, c.Now, c.Now, null)))
                yield return row with { MessageId = MessageIds.Of([row.Identity.HashText], c.Now, from) };
    }
}
