using System.Globalization;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>SMTP connection settings; the password comes from configuration or the environment, never from rule files.</summary>
public sealed record SmtpSettings(string Host, int Port, SmtpSecurity Security, string? User, string? Password)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a server that stops answering (Smtp:Timeout) before the attempt fails; it is retried with backoff.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// Connections kept open to the server (Smtp:Connections), each with at most one message in flight: a kill can leave
    /// at most this many messages delivered but not yet marked sent.
    /// </summary>
    public int Connections { get; init; } = 1;

    /// <summary>
    /// The SHA-256 fingerprint of the one server certificate to trust (Smtp:TrustedCertificate, hex, colons allowed): for an
    /// office's own mail server with a self-signed certificate. Unset, the system's trusted authorities decide.
    /// </summary>
    public string? TrustedCertificate { get; init; }

    /// <summary>
    /// Reads Smtp:Host, Smtp:Port, Smtp:Security (none, starttls, ssl; or the older Smtp:StartTls true/false), Smtp:User,
    /// Smtp:Password, Smtp:Timeout, Smtp:Connections, Smtp:TrustedCertificate from <paramref name="setting"/> (configuration: the host maps the legacy
    /// SCILIT_SMTP_* variables into it, below Smtp__* ones). Null when no host is set.
    /// </summary>
    /// <exception cref="FormatException">A value that is not what its key takes, with the key and what it takes.</exception>
    public static SmtpSettings? Read(Func<string, string?> setting)
    {
        string? Get(string name) => setting("Smtp:" + name) is { Length: > 0 } v ? v : null;
        if (Get("Host") is not { } host) return null;
        var security = Get("Security") switch
        {
            null => bool.TryParse(Get("StartTls"), out var startTls) && startTls ? SmtpSecurity.StartTls : SmtpSecurity.None,
            var name when Enum.TryParse<SmtpSecurity>(name, ignoreCase: true, out var parsed) && !int.TryParse(name, out _) => parsed,
            var name => throw new FormatException($"Smtp:Security: '{name}' is not one of none, starttls, ssl"),
        };
        var port = Get("Port") is { } portText
            ? int.TryParse(portText, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p
                : throw new FormatException($"Smtp:Port: '{portText}' is not a port number")
            : security == SmtpSecurity.Ssl ? 465 : 25;
        var timeout = DefaultTimeout;
        // A colon is required: TimeSpan reads a bare "30" as thirty days, not the seconds meant.
        if (Get("Timeout") is { } text && !(text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out timeout) && timeout > TimeSpan.Zero))
            throw new FormatException($"Smtp:Timeout: '{text}' is not a positive duration; expected hh:mm:ss, e.g. 00:00:30");
        var connections = 1;
        if (Get("Connections") is { } count && !(int.TryParse(count, CultureInfo.InvariantCulture, out connections) && connections is >= 1 and <= 64))
            throw new FormatException($"Smtp:Connections: '{count}' is not a number of connections from 1 to 64");
        string? pinned = null;
        if (Get("TrustedCertificate") is { } fingerprint)
        {
            pinned = fingerprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
            if (pinned.Length != 64 || !pinned.All(char.IsAsciiHexDigit))
                throw new FormatException($"Smtp:TrustedCertificate: '{fingerprint}' is not a SHA-256 fingerprint (64 hex digits, colons allowed)");
        }
        return new SmtpSettings(host, port, security, Get("User"), Get("Password")) { Timeout = timeout, Connections = connections, TrustedCertificate = pinned };
    }

    /// <summary>Never the password: a record would print it in a log line or an exception message.</summary>
    public override string ToString() =>
        $"SmtpSettings {{ Host = {Host}, Port = {Port}, Security = {Security}, User = {User ?? "(none)"}, Password = {(Password is null ? "(none)" : "***")}, " +
        $"Timeout = {Timeout}, Connections = {Connections}, TrustedCertificate = {TrustedCertificate ?? "(system trust)"} }}";
}
