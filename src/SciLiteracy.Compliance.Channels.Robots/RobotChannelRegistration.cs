using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using SciLiteracy.Compliance.Notifications.Channels;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>Registers a robot channel beside the email channel when its configuration names at least one robot.</summary>
public static class RobotChannelRegistration
{
    /// <summary>
    /// Channels:&lt;Section&gt;:Robots:&lt;name&gt; with each of the platform's required keys set, or nothing is
    /// registered. A robot missing a key stops the start in one line. Secrets come from configuration (appsettings.json,
    /// environment variables such as Channels__WeCom__Robots__kexie__Key), never from rule files.
    /// </summary>
    public static IServiceCollection AddRobotChannel(this IServiceCollection services, IConfiguration configuration, RobotPlatform platformOf,
        Func<RobotChannelContext, INotificationChannel> create)
    {
        var (section, requiredKeys) = (platformOf.Section, platformOf.RequiredKeys);
        var platform = configuration.GetSection($"Channels:{section}");
        var robots = platform.GetSection("Robots").GetChildren().ToList();
        if (robots.Count == 0) return services;
        var missing = robots.SelectMany(r => requiredKeys.Where(k => string.IsNullOrWhiteSpace(r[k])).Select(k => $"Channels:{section}:Robots:{r.Key}:{k}")).ToList();
        if (missing.Count > 0) throw new InvalidOperationException($"robot settings missing: {string.Join(", ", missing)}");
        services.TryAddSingleton<IRobotWait>(s => new ClockWait(s.GetRequiredService<IClock>(), s.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(s => create(new RobotChannelContext(platform, s.GetRequiredService<IClock>(), s.GetRequiredService<IRobotWait>())));
        return services;
    }
}
