namespace SciLiteracy.Compliance.State;

/// <summary>A request's status as every store writes it (pending, approved, rejected): one spelling, so `migrate` copies it as is.</summary>
public static class RequestStatuses
{
    public static string Name(RequestStatus status) => status.ToString().ToLowerInvariant();

    public static RequestStatus Parse(string name) => Enum.Parse<RequestStatus>(name, ignoreCase: true);
}
