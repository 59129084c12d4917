using System.Security.Cryptography;
using System.Text;
using NodaTime;
using SciLiteracy.Compliance.Notifications.Mail;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>Message ids that follow from a message's rows and the moment it was composed alone, so a replay gives the same ids.</summary>
public static class MessageIds
{
    /// <summary>The id in the configured sender's domain (<paramref name="from"/>), as mail systems expect of the sender.</summary>
    public static string Of(IEnumerable<string> identities, Instant composedAt, string from)
    {
        var text = string.Join("\n", identities.Order(StringComparer.Ordinal)) + "\n" + composedAt.ToUnixTimeTicks();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32].ToLowerInvariant() + "@" + MailAddresses.DomainOf(from);
    }
}
