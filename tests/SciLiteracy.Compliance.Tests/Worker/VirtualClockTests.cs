using Microsoft.Extensions.Configuration;
using NodaTime;
using SciLiteracy.Compliance.Worker;
using Xunit;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.State.Sqlite;

namespace SciLiteracy.Compliance.Tests.Worker;

/// <summary>The drills' clock (Compliance:Clock): months in seconds, and a restart continues the same timeline.</summary>
public sealed class VirtualClockTests
{
    private sealed class SettableClock(Instant now) : IClock
    {
        public Instant Now { get; set; } = now;
        public Instant GetCurrentInstant() => Now;
    }

    private static WorkerSettings Read(params (string Key, string Value)[] values) => WorkerSettings.From(
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build());

    [Fact]
    public void RunsFromStartAtAtTheConfiguredSpeedAndARestartWithTheSameAnchorContinues()
    {
        var settings = Read(
            ("Compliance:Clock:StartAt", "2025-11-01T08:00:00+08:00"),
            ("Compliance:Clock:Speed", "8640"),
            ("Compliance:Clock:Anchor", "2026-01-01T00:00:00Z")).Clock;
        Assert.NotNull(settings);
        var real = new SettableClock(Instant.FromUtc(2026, 1, 1, 0, 0, 10));

        var first = new VirtualClock(settings, real);
        Assert.Equal(Instant.FromUtc(2025, 11, 1, 0, 0).Plus(Duration.FromDays(1)), first.GetCurrentInstant());

        real.Now += Duration.FromSeconds(20);
        var restarted = new VirtualClock(settings, real);
        Assert.Equal(Instant.FromUtc(2025, 11, 4, 0, 0), restarted.GetCurrentInstant());
        Assert.Equal(first.GetCurrentInstant(), restarted.GetCurrentInstant());
    }

    [Fact]
    public void WithoutClockSettingsTheWorkerUsesTheRealClockAndDefaults()
    {
        var settings = Read();

        Assert.Null(settings.Clock);
        Assert.Equal("rules", settings.RulesDirectory);
        Assert.Equal("state/compliance.db", settings.StateFile);
        Assert.Equal("state/compliance.quartz.db", SqliteSchedulerStore.FileFor(settings.StateFile));
        Assert.Equal("outbox", settings.Outbox);
        Assert.Equal(Duration.FromMinutes(15), settings.SafetyInterval);
    }

    [Fact]
    public void AStartAtWithoutOffsetIsRejectedWithTheKeyNamed()
    {
        var e = Assert.Throws<SettingsException>(() => Read(("Compliance:Clock:StartAt", "2025-11-01 08:00")));
        Assert.Equal("Compliance:Clock:StartAt: '2025-11-01 08:00' is not a date and time with offset, e.g. 2025-12-01T08:00:00+08:00", e.Message);
    }
}
