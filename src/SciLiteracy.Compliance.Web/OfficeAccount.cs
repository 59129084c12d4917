namespace SciLiteracy.Compliance.Web;

/// <summary>
/// One login of the office's board: the hash is ASP.NET Core Identity's PBKDF2 format (`scilit web hash-password`);
/// Jurisdictions limits the board to those (empty: all).
/// </summary>
public sealed record OfficeAccount(string User, string PasswordHash, string? Name, IReadOnlyList<string> Jurisdictions)
{
    public bool Sees(string jurisdictionId) => Jurisdictions.Count == 0 || Jurisdictions.Contains(jurisdictionId);
}
