using Microsoft.Extensions.DependencyInjection;

namespace SciLiteracy.Compliance.Host.Worker;

/// <summary>
/// The one place the production sending path (ledger, IComplianceCycle, transports) is registered for `run`.
/// The notification pipeline adds its registrations here; tests register their own cycle instead.
/// </summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddCompliancePipeline(this IServiceCollection services, WorkerSettings settings)
    {
        services.AddSingleton(settings.Smtp);
        return services;
    }
}
