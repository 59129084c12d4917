using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using SciLiteracy.Compliance.Web;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// The one place the production sending path is registered for `run`: the state file (ledger), the transport
/// (SMTP when Smtp:Host is set, else the pickup folder Compliance:Outbox), the templates under the rules
/// directory, and the pipeline itself. Tests register their own cycle instead of calling this.
/// </summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddCompliancePipeline(this IServiceCollection services, IConfiguration configuration, WorkerSettings settings)
    {
        // WorkerHost opens the state file before anything else; this is for a pipeline registered on its own.
        services.TryAddSingleton<IStateStore>(_ =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.StateFile))!);
            return new SqliteStateStore(settings.StateFile);
        });
        // Read now, so that a bad Smtp:Timeout stops the start in one line rather than failing the first send.
        SmtpSettings? smtp;
        DkimSettings? dkim;
        var pipeline = PipelineOptions(configuration);
        try
        {
            smtp = SmtpSettings.Read(key => configuration[key]);
            dkim = DkimSettings.Read(key => configuration[key], pipeline.From);
        }
        catch (FormatException e) { throw new SettingsException(e.Message); }
        services.AddSingleton<IMailTransport>(_ => MailTransports.Create(smtp, settings.Outbox, dkim));
        services.AddSingleton(_ => new MessageRenderer(Path.Combine(settings.RulesDirectory, "templates")));
        services.AddSingleton(pipeline);
        services.AddSingleton<IComplianceCycle, ComplianceCycle>();
        return services;
    }

    /// <summary>
    /// The pipeline's settings from configuration; `simulate` reads them too, so it writes the bytes `run` would send.
    /// Every item carries its signed one-click links (Web:BaseUrl, the key beside the state file).
    /// </summary>
    public static PipelineOptions PipelineOptions(IConfiguration configuration) => new()
    {
        From = configuration["Smtp:From"] is { Length: > 0 } from ? from : "scilit@localhost",
        Links = ActionLinks.From(configuration, WorkerSettings.From(configuration).StateFile),
    };
}
