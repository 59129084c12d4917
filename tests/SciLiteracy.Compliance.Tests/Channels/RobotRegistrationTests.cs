using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SciLiteracy.Compliance.Channels.DingTalk;
using SciLiteracy.Compliance.Channels.Robots;
using SciLiteracy.Compliance.Channels.WeCom;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Worker;

namespace SciLiteracy.Compliance.Tests.Channels;

/// <summary>A platform's channel exists only when its configuration names a robot, and a robot missing a key stops the start in one line.</summary>
public sealed class RobotRegistrationTests
{
    private static IConfiguration Configuration(Dictionary<string, string?> settings) => new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    [Fact]
    public void Only_platforms_with_a_configured_robot_get_a_channel()
    {
        var services = new ServiceCollection().AddSingleton<IClock>(new TimeProviderClock(new ManualTimeProvider(RobotBench.Start)));
        var configuration = Configuration(new() { ["Channels:WeCom:Robots:kexie:Key"] = "k" });

        services.AddRobotChannel(configuration, WeComChannel.Platform, c => new WeComChannel(c))
            .AddRobotChannel(configuration, DingTalkChannel.Platform, c => new DingTalkChannel(c));

        var channels = services.BuildServiceProvider().GetServices<INotificationChannel>().Select(c => c.Name);
        Assert.Equal(["wecom"], channels);
    }

    [Fact]
    public void A_robot_missing_a_required_key_stops_the_start_naming_the_setting()
    {
        var configuration = Configuration(new() { ["Channels:DingTalk:Robots:xunwu:Secret"] = "SEC…", ["Channels:DingTalk:Robots:ok:AccessToken"] = "t" });

        var e = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddRobotChannel(configuration, DingTalkChannel.Platform, c => new DingTalkChannel(c)));

        Assert.Equal("robot settings missing: Channels:DingTalk:Robots:xunwu:AccessToken", e.Message);
    }
}
