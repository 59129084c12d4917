using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Web.Actions;
using SciLiteracy.Compliance.Web.Tokens;

namespace SciLiteracy.Compliance.Web;

/// <summary>The web interface as a hosted service of `scilit run`: starts with the worker, stops with it.</summary>
public sealed class WebServer(WebSettings settings, IServiceProvider services, ILogger<WebServer> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? app;

    /// <summary>Where it listens once started (the real port when Web:Listen asked for port 0).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        app = WebApp.Build(settings, settings.Listen, services.GetRequiredService<IOccurrenceActions>(), services.GetRequiredService<IRuleSource>(),
            services.GetRequiredService<IClock>(), services.GetRequiredService<ActionTokenSigner>(), services.GetService<ILoggerFactory>(),
            services.GetServices<IWebEndpoints>());
        try { await app.StartAsync(cancellationToken); }
        catch (IOException e)
        {
            // The reminders matter more than the pages: the worker goes on, and the log says why there is no web interface.
            logger.LogError("web interface not started on {Listen}: {Error}", settings.Listen, e.Message);
            await app.DisposeAsync();
            app = null;
            return;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        Address = address is null ? settings.Listen : new Uri(address);
        logger.LogInformation("web interface on {Address}; links point at {BaseUrl}", Address, settings.BaseUrl);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (app is not null) await app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
