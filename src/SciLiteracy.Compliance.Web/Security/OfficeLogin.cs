using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace SciLiteracy.Compliance.Web.Security;

/// <summary>Checks an office login against the accounts in configuration (PBKDF2 hashes of ASP.NET Core Identity).</summary>
public sealed class OfficeLogin(WebSettings settings)
{
    public const string JurisdictionClaim = "scilit:jurisdiction";
    private static readonly PasswordHasher<OfficeAccount> Hasher = new();

    // Checked against when the user is unknown, so a wrong user name costs as long as a wrong password.
    private static readonly string DummyHash = Hasher.HashPassword(new OfficeAccount("", "", null, []), Guid.NewGuid().ToString());

    public static string Hash(string password) => Hasher.HashPassword(new OfficeAccount("", "", null, []), password);

    public ClaimsPrincipal? Check(string? user, string? password, string scheme)
    {
        var account = settings.Accounts.FirstOrDefault(a => string.Equals(a.User, user, StringComparison.Ordinal));
        var candidate = account ?? new OfficeAccount("", DummyHash, null, []);
        var result = SafeVerify(candidate, password ?? "");
        if (account is null || result == PasswordVerificationResult.Failed) return null;
        var claims = new List<Claim> { new(ClaimTypes.Name, account.User) };
        if (account.Name is { Length: > 0 } name) claims.Add(new Claim(ClaimTypes.GivenName, name));
        claims.AddRange(account.Jurisdictions.Select(j => new Claim(JurisdictionClaim, j)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    private static PasswordVerificationResult SafeVerify(OfficeAccount account, string password)
    {
        try { return Hasher.VerifyHashedPassword(account, account.PasswordHash, password); }
        catch (FormatException) { return PasswordVerificationResult.Failed; }
    }

    /// <summary>The jurisdictions the signed-in account may see (none listed: all).</summary>
    public static Func<string, bool> Scope(ClaimsPrincipal user)
    {
        var allowed = user.FindAll(JurisdictionClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return j => allowed.Count == 0 || allowed.Contains(j);
    }
}
