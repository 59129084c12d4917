using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>A state store as the service opens it: through the composition root's default provider.</summary>
public static class TestState
{
    public static IStateStore Open(string location, bool durable = true) =>
        StateProviders.For(ComplianceDefaults.StateProvider).Store.Open(location, throwAway: !durable);
}
