using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Composition;

/// <summary>
/// Builds the notification pipeline: the one place its constructor is called. `run` takes it through
/// <see cref="ComplianceServices.AddCompliance"/>; `simulate`, `test-rules` and the benchmarks call <see cref="Create"/>
/// with the options <see cref="ComplianceConfiguration.PipelineOptions"/> reads.
/// </summary>
public static class CompliancePipeline
{
    public static NotificationPipeline Create(IRuleSource rules, IStateStore store, IEnumerable<INotificationChannel> channels,
        string rulesDirectory, PipelineOptions options) =>
        new(rules, store, channels, byName => PipelineStages.Default(new MessageRenderer(ComplianceDefaults.TemplatesOf(rulesDirectory)), byName, options));
}
