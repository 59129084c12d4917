using System.Net;
using System.Text.Json;
using NodaTime;
using SciLiteracy.Compliance.Worker;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>GET /health answers what the worker says of itself: 200 while healthy, 503 with the reason when not.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Health_is_200_with_the_report_while_healthy_and_503_with_the_reason_when_an_evaluation_failed()
    {
        var report = new HealthReport(true, "ok", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 3, 0, "in force: 2 obligation(s)", Environment.ProcessId);
        await using var web = await WebHarness.StartAsync(Instant.FromUtc(2025, 12, 1, 1, 0), endpoints: [new HealthEndpoint(() => report)]);
        using var client = web.Client();

        var healthy = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.StartsWith("application/json", healthy.Content.Headers.ContentType!.ToString());
        using (var json = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()))
            Assert.Equal(3, json.RootElement.GetProperty("pendingRows").GetInt32());

        report = report with { Healthy = false, Reason = "evaluation at 2025-12-01T01:00:00Z failed: disk full" };
        var sick = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, sick.StatusCode);
        using (var json = JsonDocument.Parse(await sick.Content.ReadAsStringAsync()))
        {
            Assert.False(json.RootElement.GetProperty("healthy").GetBoolean());
            Assert.Contains("disk full", json.RootElement.GetProperty("reason").GetString());
        }
    }
}
