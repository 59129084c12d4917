using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Web;

namespace SciLiteracy.Compliance.Worker;

/// <summary>`run`'s sending path: the composition root with the worker's rules directory, state file and outbox.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddCompliancePipeline(this IServiceCollection services, IConfiguration configuration, WorkerSettings settings) =>
        services.AddCompliance(configuration, settings.RulesDirectory, settings.StateFile, settings.Outbox,
            // Every item carries its signed one-click links (Web:BaseUrl, the key beside the state file).
            ActionLinks.From(configuration, settings.StateFile));
}
