using NodaTime;

namespace SciLiteracy.Compliance.Web.Actions;

/// <summary>Who did something, when and from where (留痕): a recipient's address or an office login, and the client address.</summary>
public sealed record Actor(string Who, Instant At, string From);
