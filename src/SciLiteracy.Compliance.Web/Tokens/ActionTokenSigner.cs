using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Web.Tokens;

/// <summary>
/// Signs and checks one-click tokens: base64url(payload) "." base64url(HMAC-SHA256(key, payload)). The payload is
/// the version, obligation, unit, period, recipient, purpose and expiry (Unix seconds), one per line; ids never
/// hold a line break, and a payload with any other number of lines is refused.
/// </summary>
public sealed class ActionTokenSigner
{
    private const string Version = "v1";
    private readonly byte[] key;

    public ActionTokenSigner(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("a token key must be at least 32 bytes", nameof(key));
        this.key = key.ToArray();
    }

    public string Sign(ActionToken token)
    {
        var fields = new[]
        {
            Version, token.Key.ObligationId, token.Key.UnitId, token.Key.Period, token.Recipient.ToLowerInvariant(),
            ActionPurposes.Slug(token.Purpose), token.Expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        if (fields.Any(f => f.Contains('\n'))) throw new ArgumentException("a token field holds a line break", nameof(token));
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', fields));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, payload));
    }

    /// <summary>The token a string carries, or why not: only a string this key signed, unexpired, passes.</summary>
    public (ActionToken? Token, TokenRefusal? Refusal) Verify(string? text, Instant now)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 2048) return (null, TokenRefusal.Invalid);
        var dot = text.IndexOf('.');
        if (dot <= 0 || dot != text.LastIndexOf('.')) return (null, TokenRefusal.Invalid);
        byte[] payload, signature;
        try
        {
            payload = Base64Url.DecodeFromChars(text.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(text.AsSpan(dot + 1));
        }
        catch (FormatException) { return (null, TokenRefusal.Invalid); }
        // Fixed-time comparison of the full 32 bytes: a truncated signature fails like a wrong one.
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature)) return (null, TokenRefusal.Invalid);

        var fields = Encoding.UTF8.GetString(payload).Split('\n');
        if (fields.Length != 7 || fields[0] != Version) return (null, TokenRefusal.Invalid);
        if (ActionPurposes.FromSlug(fields[5]) is not { } purpose) return (null, TokenRefusal.Invalid);
        if (!long.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return (null, TokenRefusal.Invalid);
        var token = new ActionToken(new OccurrenceKey(fields[1], fields[2], fields[3]), fields[4], purpose, Instant.FromUnixTimeSeconds(seconds));
        return now >= token.Expires ? (token, TokenRefusal.Expired) : (token, null);
    }
}
