using SciLiteracy.Compliance.Notifications.Channels;
using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.OpenSsl;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Notifications.Mail;

/// <summary>The bytes of a message as the pickup folder writes them and as an independent parser (Python's email) reads them.</summary>
public sealed class MimeMessageTests
{
    private static OutgoingMessage Sample => SmtpTransportTests.Message(7) with
    {
        Subject = "【寻乌县全民科学素质工作】提醒：年度实施情况报告将于2025年12月20日（星期六）到期，请按时报送",
        ReplyTo = "liaison.office@test.example.org",
        ListId = ("xunwu.mail.example.org", "寻乌县纲要办 提醒与督办"),
    };

    private static async Task<string> WriteAsync(TempDir temp, OutgoingMessage message, DkimSettings? dkim = null)
    {
        var pickup = new PickupFolderTransport(temp["outbox"], new MimeMessageBuilder(dkim));
        Assert.Equal(DeliveryResult.Delivered, await pickup.SendAsync(message, CancellationToken.None));
        return Path.Combine(temp["outbox"], message.FileName);
    }

    [Fact]
    public async Task A_written_message_has_the_headers_of_an_automatic_sender_CRLF_lines_and_parses_without_defects()
    {
        using var temp = new TempDir();
        var file = await WriteAsync(temp, Sample with { Attachments = [new ChannelAttachment("due.ics", "text/calendar", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"u8.ToArray())] });

        var bytes = File.ReadAllBytes(file);
        Assert.DoesNotContain(bytes.Select((b, i) => (b, i)), x => x.b == (byte)'\n' && (x.i == 0 || bytes[x.i - 1] != (byte)'\r'));
        var check = Assert.Single(EmlCheck.Run([file]));
        Assert.Empty(check.Defects);
        Assert.Empty(check.MissingHeaders);
        Assert.Equal("寻乌县纲要办 <kx@mail.example.org>", check.From);
        Assert.Equal(Sample.Subject, check.Subject);
        var parsed = EmlReader.Read(file);
        Assert.Equal("Mon, 08 Dec 2025 09:00:00 +0800", parsed.Date);
        Assert.Contains("第 7 封", parsed.Text);
        var text = File.ReadAllText(file);
        Assert.Contains("Auto-Submitted: auto-generated", text);
        Assert.Contains("Reply-To: liaison.office@test.example.org", text);
        Assert.Contains("<xunwu.mail.example.org>", text);
        Assert.Contains("Content-Disposition: attachment; filename=due.ics", text);
    }

    [Fact]
    public async Task The_same_message_gives_the_same_bytes()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        Assert.Equal(File.ReadAllBytes(await WriteAsync(a, Sample)), File.ReadAllBytes(await WriteAsync(b, Sample)));
    }

    [Fact]
    public async Task With_a_DKIM_key_configured_the_written_message_carries_a_signature_that_verifies_and_fails_once_altered()
    {
        using var temp = new TempDir();
        using var rsa = RSA.Create(2048);
        File.WriteAllText(temp["dkim.pem"], rsa.ExportRSAPrivateKeyPem());
        var dkim = DkimSettings.Read(key => key switch { "Dkim:KeyFile" => temp["dkim.pem"], "Dkim:Selector" => "scilit", _ => null }, "kx@mail.example.org");
        Assert.Equal(new DkimSettings(temp["dkim.pem"], "scilit", "mail.example.org"), dkim);

        var file = await WriteAsync(temp, Sample, dkim);
        var message = MimeMessage.Load(file);
        var signature = message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)];
        Assert.Contains("d=mail.example.org", signature.Value);
        var verifier = new DkimVerifier(new OneKey(rsa.ExportSubjectPublicKeyInfoPem()));
        Assert.True(verifier.Verify(message, signature));

        message.Subject = "altered";
        Assert.False(verifier.Verify(message, message.Headers[message.Headers.IndexOf(HeaderId.DkimSignature)]));
    }

    /// <summary>The DNS record of the test's selector: the public key of the generated pair.</summary>
    private sealed class OneKey(string publicKeyPem) : IDkimPublicKeyLocator
    {
        private AsymmetricKeyParameter Key() => (AsymmetricKeyParameter)new PemReader(new StringReader(publicKeyPem)).ReadObject();

        public AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) => Key();

        public Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(Key());
    }
}
