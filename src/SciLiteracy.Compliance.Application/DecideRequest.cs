using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Application;

/// <summary>Approves (the extension is granted: the ladder moves) or rejects (with a reason) a pending extension request.</summary>
public sealed class DecideRequest(IStateStore store)
{
    public ExtensionRequest Run(long requestId, bool approve, Act act)
    {
        var request = store.Requests().FirstOrDefault(r => r.Id == requestId)
            ?? throw new UseCaseException($"error: no extension request #{requestId}", UseCaseRefusal.NotFound);
        if (request.Status != RequestStatus.Pending)
            throw new UseCaseException($"error: request #{requestId} is already {request.Status.ToString().ToLowerInvariant()}", UseCaseRefusal.AlreadyDecided);
        if (!approve && string.IsNullOrWhiteSpace(act.Reason)) throw new UseCaseException("error: a rejection needs a reason", UseCaseRefusal.ReasonMissing);
        // The extension keeps the unit's reason; the decision records the office's.
        var grant = approve ? GrantExtension.Of(request.Key, request.Until, act with { Reason = request.Requested.Reason }) : null;
        if (!store.Decide(requestId, approve ? RequestStatus.Approved : RequestStatus.Rejected, act, grant))
            throw new UseCaseException($"error: request #{requestId} was decided meanwhile", UseCaseRefusal.AlreadyDecided);
        return store.Requests().Single(r => r.Id == requestId);
    }
}
