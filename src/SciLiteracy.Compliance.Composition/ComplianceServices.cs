using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Composition;

/// <summary>
/// The composition root for a running service: the state store of State:Provider, the email channel (SMTP when
/// Smtp:Host is set, else the pickup folder) and the pipeline. A further channel is one more
/// <see cref="INotificationChannel"/> registration, before or after this call.
/// </summary>
public static class ComplianceServices
{
    public static IServiceCollection AddCompliance(this IServiceCollection services, IConfiguration configuration,
        string rulesDirectory, string stateFile, string outbox, IActionLinkSource? links = null)
    {
        var provider = StateProviders.For(ComplianceConfiguration.StateProvider(configuration));
        services.TryAddSingleton(provider);
        services.TryAddSingleton<IStateStoreProvider>(provider.Store);
        services.TryAddSingleton<IStateStore>(_ => provider.Store.Open(provider.LocationOf(configuration, stateFile)));
        var options = ComplianceConfiguration.PipelineOptions(configuration) with { Links = links };
        // Read now, so that a bad Smtp:Timeout stops the start in one line rather than failing the first send.
        SmtpSettings? smtp;
        DkimSettings? dkim;
        try
        {
            smtp = SmtpSettings.Read(key => configuration[key]);
            dkim = DkimSettings.Read(key => configuration[key], options.From);
        }
        catch (FormatException e) { throw new SettingsException(e.Message); }
        services.TryAddSingleton<IMailTransport>(_ => MailTransports.Create(smtp, outbox, dkim));
        services.AddSingleton<INotificationChannel>(s => new EmailChannel(s.GetRequiredService<IMailTransport>(), options.From));
        services.AddSingleton(options);
        services.AddSingleton<IComplianceCycle>(s => CompliancePipeline.Create(s.GetRequiredService<IRuleSource>(), s.GetRequiredService<IStateStore>(),
            s.GetServices<INotificationChannel>(), rulesDirectory, options));
        return services;
    }
}
