using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SciLiteracy.Compliance.Host.Worker;

/// <summary>
/// The one place the production sending path (ledger, IComplianceCycle, transports) is registered for `run`.
/// The worker refuses to start, with a one-line error, while nothing here registers an IComplianceCycle.
/// Tests register their own cycle instead of calling this.
/// </summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddCompliancePipeline(this IServiceCollection services, IConfiguration configuration, WorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        return services;
    }
}
