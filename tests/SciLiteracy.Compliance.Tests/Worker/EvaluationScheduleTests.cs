using Xunit;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Worker;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Tests.Worker;

/// <summary>When `scilit run` evaluates: the real Quartz scheduler on a real SQLite store, with a recording cycle.</summary>
public sealed class EvaluationScheduleTests
{
    private static Jurisdiction JurisdictionIn(string zone, LocalTime sendTime) => new(
        "test", "测试县", null, DateTimeZoneProviders.Tzdb[zone], "cn-mainland", sendTime, Jurisdiction.EndOfDay, DueAdjustment.None, null);

    /// <summary>The same trigger, as if scheduled on 2025-01-01: a trigger never fires before it was scheduled.</summary>
    private static Quartz.ITrigger StartedIn2025(Quartz.ITrigger trigger) =>
        trigger.GetTriggerBuilder().StartAt(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)).Build();

    private static DateTimeOffset At(string offsetDateTime) => OffsetDateTimePattern.ExtendedIso.Parse(offsetDateTime).Value.ToDateTimeOffset();

    [Theory]
    // Xunwu: 09:00 in Asia/Shanghai is 01:00 UTC; the next window after noon is the next morning.
    [InlineData("Asia/Shanghai", "09:00:00", "2025-12-04T12:00:00+08:00", "2025-12-05T09:00:00+08:00")]
    [InlineData("Asia/Shanghai", "09:00:00", "2025-12-04T08:59:00+08:00", "2025-12-04T09:00:00+08:00")]
    // A zone with daylight saving: the window stays at 09:00 local across the switch, so its UTC offset changes.
    [InlineData("Europe/Berlin", "09:00:00", "2025-03-29T12:00:00+01:00", "2025-03-30T09:00:00+02:00")]
    [InlineData("Europe/Berlin", "08:30:15", "2025-10-25T12:00:00+02:00", "2025-10-26T08:30:15+01:00")]
    public void SendWindowFiresAtTheJurisdictionsLocalSendTime(string zone, string sendTime, string after, string expected)
    {
        var trigger = StartedIn2025(EvaluationSchedule.SendWindowTrigger(JurisdictionIn(zone, LocalTimePattern.ExtendedIso.Parse(sendTime).Value)));

        var next = trigger.GetFireTimeAfter(At(after));

        Assert.Equal(At(expected).UtcDateTime, next?.UtcDateTime);
    }

    [Fact]
    public async Task StartUpEvaluatesOnceThenTheSendWindowFiresAtItsLocalTime()
    {
        using var sandbox = new WorkerSandbox();
        var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        // The send window a few seconds ahead, in Xunwu's local time, so the real trigger fires during the test.
        var window = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromSeconds(6)).InZone(zone);
        var sendTime = new LocalTime(window.Hour, window.Minute, window.Second);
        sandbox.Edit(sandbox.JurisdictionFile, "sendTime: \"09:00\"", $"sendTime: \"{sendTime:HH:mm:ss}\"");
        var windowInstant = window.Date.At(sendTime).InZoneStrictly(zone).ToInstant();
        var cycle = new RecordingCycle();

        var startedAt = SystemClock.Instance.GetCurrentInstant();
        using var host = sandbox.StartWorker(cycle);
        try
        {
            Assert.True(await WorkerSandbox.WaitUntil(() => cycle.Calls.Count >= 1, TimeSpan.FromSeconds(5)), "no start-up evaluation");
            Assert.True(cycle.Calls[0] < windowInstant, "the start-up evaluation came only with the send window");
            Assert.True(await WorkerSandbox.WaitUntil(() => cycle.Calls.Count >= 2, TimeSpan.FromSeconds(15)), "the send window never fired");
            await Task.Delay(1500);

            var calls = cycle.Calls;
            Assert.Equal(2, calls.Count);
            Assert.InRange(calls[0], startedAt, windowInstant);
            Assert.InRange(calls[1], windowInstant, windowInstant + Duration.FromSeconds(3));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task ASendTimeChangedWhileRunningIsRescheduledWithoutRestart()
    {
        using var sandbox = new WorkerSandbox();
        var cycle = new RecordingCycle();
        using var host = sandbox.StartWorker(cycle);
        try
        {
            Assert.True(await WorkerSandbox.WaitUntil(() => cycle.Calls.Count >= 1, TimeSpan.FromSeconds(5)), "no start-up evaluation");
            var zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
            var window = SystemClock.Instance.GetCurrentInstant().Plus(Duration.FromSeconds(6)).InZone(zone);
            var sendTime = new LocalTime(window.Hour, window.Minute, window.Second);
            var windowInstant = window.Date.At(sendTime).InZoneStrictly(zone).ToInstant();

            sandbox.Edit(sandbox.JurisdictionFile, "sendTime: \"09:00\"", $"sendTime: \"{sendTime:HH:mm:ss}\"");

            Assert.True(await WorkerSandbox.WaitUntil(() => cycle.Calls.Count >= 2, TimeSpan.FromSeconds(15)), "the new send window never fired");
            Assert.InRange(cycle.Calls[1], windowInstant, windowInstant + Duration.FromSeconds(3));
            Assert.Contains($"send window send-window:xunwu: 寻乌县 send window {sendTime:HH:mm:ss} Asia/Shanghai", sandbox.ReadLog());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task RestartOnTheSameStoreEvaluatesOnceAtStartUp()
    {
        using var sandbox = new WorkerSandbox();
        var first = new RecordingCycle();
        using (var host = sandbox.StartWorker(first))
        {
            Assert.True(await WorkerSandbox.WaitUntil(() => first.Calls.Count >= 1, TimeSpan.FromSeconds(5)), "no start-up evaluation");
            await host.StopAsync();
        }
        Assert.True(File.Exists(sandbox.StateFile.Replace("compliance.db", "compliance.quartz.db")), "the Quartz store is not beside the state file");

        var second = new RecordingCycle();
        using (var host = sandbox.StartWorker(second))
        {
            Assert.True(await WorkerSandbox.WaitUntil(() => second.Calls.Count >= 1, TimeSpan.FromSeconds(5)), "no start-up evaluation after restart");
            await Task.Delay(2000);
            await host.StopAsync();
        }

        Assert.Single(first.Calls);
        Assert.Single(second.Calls);
    }

    [Fact]
    public async Task SafetyTriggerKeepsEvaluatingBetweenSendWindows()
    {
        using var sandbox = new WorkerSandbox();
        var cycle = new RecordingCycle();

        using var host = sandbox.StartWorker(cycle, safetyInterval: TimeSpan.FromSeconds(1));
        try
        {
            Assert.True(await WorkerSandbox.WaitUntil(() => cycle.Calls.Count >= 4, TimeSpan.FromSeconds(10)),
                $"only {cycle.Calls.Count} evaluation(s) with a 1 s safety interval");
        }
        finally
        {
            await host.StopAsync();
        }
        Assert.Equal(cycle.Calls.Order(), cycle.Calls);
    }

    [Fact]
    public void XunwuPackGetsOneSendWindowAtNineInShanghai()
    {
        var rules = RuleLoader.Load(Path.Combine(WorkerSandbox.RepositoryRoot, "rules", "xunwu")).Rules;
        Assert.NotNull(rules);
        var xunwu = Assert.Single(rules.Directories.Values).Jurisdiction;

        var next = StartedIn2025(EvaluationSchedule.SendWindowTrigger(xunwu)).GetFireTimeAfter(At("2025-12-19T23:59:59+08:00"));

        Assert.Equal(At("2025-12-20T09:00:00+08:00").UtcDateTime, next?.UtcDateTime);
    }
}
