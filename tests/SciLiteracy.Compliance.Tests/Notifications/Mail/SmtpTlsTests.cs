using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Notifications.Mail;

/// <summary>
/// Smtp:Security against a real server that speaks TLS (aiosmtpd with a self-signed certificate, as an office's own mail
/// server may have): STARTTLS and TLS from the first byte deliver when the certificate is the pinned one
/// (Smtp:TrustedCertificate), and nothing is sent to a server whose certificate is neither pinned nor trusted.
/// </summary>
public sealed class SmtpTlsTests : IDisposable
{
    private readonly TempDir temp = new();
    private readonly string certificateFile;
    private readonly string keyFile;
    private readonly string fingerprint;

    public SmtpTlsTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mail.xunwu.example.org", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("mail.xunwu.example.org");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        certificateFile = temp["server.crt"];
        keyFile = temp["server.key"];
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        // As an operator would copy it from `openssl x509 -noout -fingerprint -sha256`: colons and all.
        fingerprint = string.Join(':', Convert.ToHexString(SHA256.HashData(certificate.RawData)).Chunk(2).Select(c => new string(c)));
    }

    public void Dispose() => temp.Dispose();

    private SmtpSettings Settings(SmtpServerFixture server, SmtpSecurity security, string? trusted) =>
        SmtpSettings.Read(key => key switch
        {
            "Smtp:Host" => "127.0.0.1",
            "Smtp:Port" => server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "Smtp:Security" => security.ToString().ToLowerInvariant(),
            "Smtp:Timeout" => "00:00:10",
            "Smtp:TrustedCertificate" => trusted,
            _ => null,
        })!;

    [Theory]
    [InlineData(SmtpSecurity.StartTls)]
    [InlineData(SmtpSecurity.Ssl)]
    public async Task With_the_servers_certificate_pinned_every_message_arrives_once_over_TLS(SmtpSecurity security)
    {
        using var server = new SmtpServerFixture(tls: security == SmtpSecurity.Ssl ? SmtpServerTls.Implicit(certificateFile, keyFile) : SmtpServerTls.StartTls(certificateFile, keyFile));
        using (var transport = new SmtpMailTransport(Settings(server, security, fingerprint)))
            for (var i = 0; i < 3; i++)
                Assert.Equal(DeliveryResult.Delivered, await transport.SendAsync(SmtpTransportTests.Message(i), CancellationToken.None));

        Assert.Equal(3, server.MessageFiles().Count);
    }

    [Theory]
    [InlineData(SmtpSecurity.StartTls)]
    [InlineData(SmtpSecurity.Ssl)]
    public async Task A_certificate_neither_pinned_nor_trusted_gets_nothing_and_says_why(SmtpSecurity security)
    {
        using var server = new SmtpServerFixture(tls: security == SmtpSecurity.Ssl ? SmtpServerTls.Implicit(certificateFile, keyFile) : SmtpServerTls.StartTls(certificateFile, keyFile));
        var otherCertificate = new string('A', 64);

        foreach (var trusted in new[] { otherCertificate, null })
        {
            using var transport = new SmtpMailTransport(Settings(server, security, trusted));
            var result = await transport.SendAsync(SmtpTransportTests.Message(1), CancellationToken.None);
            // Not the message's fault: retried with backoff, as when no server answers.
            Assert.Equal(DeliveryStatus.Unavailable, result.Status);
            Assert.Contains("certificate", result.Reply, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Empty(server.MessageFiles());
    }

    [Fact]
    public void A_fingerprint_that_is_not_one_is_a_settings_error_naming_the_key()
    {
        var error = Assert.Throws<FormatException>(() => SmtpSettings.Read(key => key switch
        {
            "Smtp:Host" => "mail.example.org",
            "Smtp:TrustedCertificate" => "SHA256:abc",
            _ => null,
        }));
        Assert.Contains("Smtp:TrustedCertificate", error.Message);
    }
}
