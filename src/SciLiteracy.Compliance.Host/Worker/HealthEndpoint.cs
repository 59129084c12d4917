using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SciLiteracy.Compliance.Web;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// GET /health on the web interface: the worker's <see cref="HealthReport"/> as JSON (the same as the health file), 200
/// when healthy and 503 when not, so a load balancer or monitor needs no file access. No login: it names no person or unit.
/// </summary>
public sealed class HealthEndpoint(Func<HealthReport> current) : IWebEndpoints
{
    public void Map(IEndpointRouteBuilder app) => app.MapGet("/health", () =>
    {
        var report = current();
        return Results.Text(report.ToJson(), "application/json; charset=utf-8", statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    });
}
