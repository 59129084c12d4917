using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SciLiteracy.Compliance.Channels.DingTalk;
using SciLiteracy.Compliance.Channels.Feishu;
using SciLiteracy.Compliance.Channels.Robots;
using SciLiteracy.Compliance.Channels.WeCom;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Web;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// `run`'s sending path: the composition root with the worker's rules directory, state file and outbox, and the chat
/// robots (企业微信, 钉钉, 飞书) that Channels:&lt;Platform&gt;:Robots configures (docs/channels.md).
/// </summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddCompliancePipeline(this IServiceCollection services, IConfiguration configuration, WorkerSettings settings) =>
        services
            .AddRobotChannel(configuration, WeComChannel.Platform, c => new WeComChannel(c))
            .AddRobotChannel(configuration, DingTalkChannel.Platform, c => new DingTalkChannel(c))
            .AddRobotChannel(configuration, FeishuChannel.Platform, c => new FeishuChannel(c))
            .AddCompliance(configuration, settings.RulesDirectory, settings.StateFile, settings.Outbox,
            // Every item carries its signed one-click links (Web:BaseUrl, the key beside the state file).
            ActionLinks.From(configuration, settings.StateFile));
}
