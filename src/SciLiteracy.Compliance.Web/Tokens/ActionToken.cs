using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Web.Tokens;

/// <summary>What a signed link says: this recipient may do this to this occurrence until then.</summary>
public sealed record ActionToken(OccurrenceKey Key, string Recipient, ActionPurpose Purpose, Instant Expires);
