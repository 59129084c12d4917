using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using MimeKit.Text;
using MimeKit.Utils;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>
/// Turns a composed message into a MIME message (MimeKit): multipart/alternative of UTF-8 text and HTML, base64 so that the
/// bytes are the same over SMTP and in the pickup folder (and a DKIM signature holds over both), encoded headers, the headers
/// mail systems expect of an automatic sender, and a DKIM signature when a key is configured. Boundaries follow from the
/// Message-ID, so the same message always gives the same bytes.
/// </summary>
public sealed class MimeMessageBuilder(DkimSettings? dkim = null)
{
    private static readonly HeaderId[] SignedHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.ReplyTo, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.ContentType, HeaderId.MimeVersion];

    private readonly DkimSigner? signer = dkim?.CreateSigner();

    /// <summary>CRLF line ends whatever the platform: what RFC 5322 requires of a file, and what SMTP sends.</summary>
    public static FormatOptions FileFormat { get; } = CreateFileFormat();

    /// <exception cref="ParseException">An address of the message is not one (the rules' validation rejects such addresses).</exception>
    public MimeMessage Build(OutgoingMessage m)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(m.FromName ?? "", m.From));
        message.To.Add(MailboxAddress.Parse(m.To));
        if (m.ReplyTo is { Length: > 0 } replyTo) message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        message.Subject = m.Subject;
        message.Date = m.Date.ToDateTimeOffset();
        message.MessageId = m.MessageId;
        // RFC 3834: an automatic message; vacation responders and Exchange's auto-replies stay quiet.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("Precedence", "bulk");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        if (m.ListId is var (id, description))
            message.Headers.Add(HeaderId.ListId, Encoding.UTF8, $"{Rfc2047.EncodePhrase(Encoding.UTF8, description)} <{id}>");

        var alternative = new MultipartAlternative { TextPartOf(TextFormat.Plain, m.TextBody), TextPartOf(TextFormat.Html, m.HtmlBody) };
        alternative.Boundary = Boundary(m.MessageId, "alt");
        if (m.Attachments.Count == 0) message.Body = alternative;
        else
        {
            var mixed = new Multipart("mixed") { alternative };
            mixed.Boundary = Boundary(m.MessageId, "mixed");
            foreach (var a in m.Attachments)
                mixed.Add(new MimePart(ContentType.Parse(a.ContentType))
                {
                    Content = new MimeContent(new MemoryStream(a.Content, writable: false)),
                    ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                    ContentTransferEncoding = ContentEncoding.Base64,
                    FileName = a.FileName,
                });
            message.Body = mixed;
        }
        if (signer is not null)
        {
            message.Prepare(EncodingConstraint.SevenBit);
            signer.Sign(FileFormat, message, SignedHeaders.Where(h => message.Headers.Contains(h)).ToList());
        }
        return message;
    }

    private static TextPart TextPartOf(TextFormat format, string text)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.Base64 };
        part.SetText(Encoding.UTF8, text.ReplaceLineEndings("\r\n"));
        return part;
    }

    private static string Boundary(string messageId, string kind) =>
        $"=_scilit_{kind}_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..24].ToLowerInvariant();

    private static FormatOptions CreateFileFormat()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        return options;
    }
}
