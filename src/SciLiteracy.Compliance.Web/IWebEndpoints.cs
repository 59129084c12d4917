using Microsoft.AspNetCore.Routing;

namespace SciLiteracy.Compliance.Web;

/// <summary>
/// Endpoints another part of the host adds to the web interface (the worker's GET /health, issue 13): registered in the
/// worker's container, mapped by <see cref="WebServer"/> beside the pages.
/// </summary>
public interface IWebEndpoints
{
    void Map(IEndpointRouteBuilder app);
}
