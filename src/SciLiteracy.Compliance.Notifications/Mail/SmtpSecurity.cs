namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>How the connection to the SMTP server is protected (Smtp:Security).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP: only for a relay on the same host or a trusted network.</summary>
    None,

    /// <summary>Plain connect, then STARTTLS, required (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (implicit TLS, usually port 465).</summary>
    Ssl,
}
