using MimeKit.Cryptography;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>
/// DKIM signing, when a private key is configured: Dkim:KeyFile (PEM), Dkim:Selector, Dkim:Domain (default: the sender's
/// domain), or SCILIT_DKIM_KEYFILE, … in the environment. The public key is published at SELECTOR._domainkey.DOMAIN.
/// </summary>
public sealed record DkimSettings(string KeyFile, string Selector, string Domain)
{
    /// <summary>Null when no key file is set.</summary>
    /// <exception cref="FormatException">A key file without a selector, or a key file that does not exist.</exception>
    public static DkimSettings? Read(Func<string, string?> setting, string senderAddress)
    {
        string? Get(string name) => setting("Dkim:" + name) is { Length: > 0 } v ? v
            : Environment.GetEnvironmentVariable("SCILIT_DKIM_" + name.ToUpperInvariant()) is { Length: > 0 } e ? e : null;
        if (Get("KeyFile") is not { } keyFile) return null;
        if (Get("Selector") is not { } selector) throw new FormatException("Dkim:Selector: required when Dkim:KeyFile is set (the DNS record is SELECTOR._domainkey.DOMAIN)");
        if (!File.Exists(keyFile)) throw new FormatException($"Dkim:KeyFile: '{keyFile}' does not exist");
        return new DkimSettings(keyFile, selector, Get("Domain") ?? MailAddresses.DomainOf(senderAddress));
    }

    public DkimSigner CreateSigner() => new(KeyFile, Domain, Selector)
    {
        HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
    };
}
