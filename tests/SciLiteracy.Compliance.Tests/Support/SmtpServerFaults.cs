namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>How the test SMTP server (Support/smtp_server.py) misbehaves towards some recipients; none by default.</summary>
public sealed record SmtpServerFaults
{
    /// <summary>Recipients refused with 550 at every RCPT TO.</summary>
    public IReadOnlyList<string> Refuse { get; init; } = [];

    /// <summary>Recipients answered 451 at their first RCPT TO, accepted afterwards.</summary>
    public IReadOnlyList<string> DeferOnce { get; init; } = [];

    /// <summary>Recipients whose first message, once received in full, gets no reply: the server closes the connection and keeps nothing.</summary>
    public IReadOnlyList<string> DropOnce { get; init; } = [];
}

/// <summary>A test server that speaks TLS: STARTTLS required before mail, or TLS from the first byte; the certificate and key as PEM files.</summary>
public sealed record SmtpServerTls(string Mode, string CertificateFile, string KeyFile)
{
    public static SmtpServerTls StartTls(string certificateFile, string keyFile) => new("starttls", certificateFile, keyFile);
    public static SmtpServerTls Implicit(string certificateFile, string keyFile) => new("implicit", certificateFile, keyFile);
}
