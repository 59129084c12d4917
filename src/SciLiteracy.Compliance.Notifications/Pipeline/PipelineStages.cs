using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Pipeline.Stages;
using SciLiteracy.Compliance.Notifications.Rendering;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>The notification pipeline's stages in the order a cycle runs them, as Alertmanager composes its notify pipeline.</summary>
public static class PipelineStages
{
    public static IReadOnlyList<ICycleStage> Default(MessageRenderer renderer, IReadOnlyDictionary<string, INotificationChannel> channels, PipelineOptions options)
    {
        var render = new RenderStage(renderer, options);
        var send = new SendStage(channels, options);
        return
        [
            new PlanStage(),            // what is open and can have a step due since the last cycle
            new InhibitStage(),         // submissions and acknowledgements stop what waits
            new DoneStage(),            // 办结 withdraws the calendar invitations sent
            new FoldStage(options),     // only the latest due step of a ladder goes; earlier ones fold
            new AtRiskStage(options),   // targets behind pace
            new SummaryStage(options),  // the office's weekly summary
            new DecisionStage(options), // the unit told of the office's decisions (延期审核, 退办)
            new DedupeStage(),          // against the ledger: nothing twice
            new GroupStage(options),    // one message per address and channel
            new RecordStage(),          // pending before any byte leaves
            render,                     // templates
            send,                       // each channel, with retry and backoff
            new FlagStage(render, send), // the office hears of a message that keeps failing
        ];
    }
}
