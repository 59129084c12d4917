using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>
/// Writes a message as RFC 5322 text: multipart/alternative with base64 UTF-8 parts and an RFC 2047 subject.
/// Every byte follows from the message, so the same message always gives the same file.
/// </summary>
public static class MimeWriter
{
    public static string Write(OutgoingMessage m)
    {
        var boundary = "=_scilit_" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(m.MessageId)))[..24].ToLowerInvariant();
        var b = new StringBuilder();
        void Line(string s) => b.Append(s).Append("\r\n");
        Line($"Message-ID: <{m.MessageId}>");
        Line($"Date: {FormatDate(m.Date)}");
        Line($"From: {m.From}");
        Line($"To: {m.To}");
        Line($"Subject: {EncodeHeader(m.Subject)}");
        Line("MIME-Version: 1.0");
        Line($"Content-Type: multipart/alternative; boundary=\"{boundary}\"");
        Line("");
        Part(b, boundary, "text/plain", m.TextBody);
        Part(b, boundary, "text/html", m.HtmlBody);
        Line($"--{boundary}--");
        return b.ToString();
    }

    private static void Part(StringBuilder b, string boundary, string type, string body)
    {
        b.Append($"--{boundary}\r\nContent-Type: {type}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(body.ReplaceLineEndings("\r\n")));
        for (var i = 0; i < base64.Length; i += 76) b.Append(base64.AsSpan(i, Math.Min(76, base64.Length - i))).Append("\r\n");
    }

    /// <summary>RFC 5322 date, e.g. "Fri, 19 Dec 2025 09:00:00 +0800".</summary>
    public static string FormatDate(NodaTime.ZonedDateTime date)
    {
        var offset = date.Offset.Seconds / 60;
        var sign = offset < 0 ? '-' : '+';
        offset = Math.Abs(offset);
        return date.LocalDateTime.ToString("ddd, dd MMM uuuu HH:mm:ss", CultureInfo.InvariantCulture) +
               string.Create(CultureInfo.InvariantCulture, $" {sign}{offset / 60:00}{offset % 60:00}");
    }

    /// <summary>RFC 2047 B-encoding in encoded words of at most 75 characters, never splitting a character.</summary>
    public static string EncodeHeader(string text)
    {
        if (text.All(c => c is >= ' ' and < '\x7f')) return text;
        var words = new List<string>();
        var chunk = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (Encoding.UTF8.GetByteCount(chunk + rune.ToString()) > 45)
            {
                words.Add(Word(chunk.ToString()));
                chunk.Clear();
            }
            chunk.Append(rune.ToString());
        }
        if (chunk.Length > 0) words.Add(Word(chunk.ToString()));
        return string.Join("\r\n ", words);
    }

    private static string Word(string s) => $"=?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(s))}?=";
}
