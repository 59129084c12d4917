namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>What the pipeline needs to know of an address without parsing it in full.</summary>
public static class MailAddresses
{
    /// <summary>The domain of an address ("scilit@kx.example.org" → "kx.example.org"); "localhost" when it has none.</summary>
    public static string DomainOf(string address) =>
        address.LastIndexOf('@') is var at and >= 0 && at < address.Length - 1 ? address[(at + 1)..].Trim().TrimEnd('>') : "localhost";
}
