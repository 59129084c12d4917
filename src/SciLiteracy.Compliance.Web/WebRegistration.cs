using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Web;

/// <summary>Registers the token key, the links and (unless Web:Enabled is false) the web server in the worker's container.</summary>
public static class WebRegistration
{
    public static IServiceCollection AddComplianceWeb(this IServiceCollection services, IConfiguration configuration, string stateFile)
    {
        var settings = WebSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(_ => new ActionTokenSigner(TokenKeyFile.Load(settings.TokenKey, stateFile)));
        services.AddSingleton<ActionLinks>();
        // The seam to the use cases; the application layer's registration replaces this adapter.
        services.TryAddSingleton<IOccurrenceActions>(sp => new UseCaseOccurrenceActions(sp.GetRequiredService<IRuleSource>(), sp.GetRequiredService<IStateStore>()));
        services.AddSingleton<IWebEndpoints>(sp => new Pages.EscalationSlipPages(sp.GetRequiredService<IRuleSource>(), sp.GetRequiredService<IStateStore>()));
        if (settings.Enabled)
        {
            services.AddSingleton<WebServer>();
            services.AddHostedService(sp => sp.GetRequiredService<WebServer>());
        }
        return services;
    }
}
