using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>The extension requests, pending ones first by default (`requests list`).</summary>
public sealed class ListRequests(IStateStore store)
{
    public IReadOnlyList<ExtensionRequest> Run(RequestStatus? status) => store.Requests(status);
}
