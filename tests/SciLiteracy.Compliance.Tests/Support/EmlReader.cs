using System.Diagnostics;
using System.Text.Json;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>A message as an independent MIME parser (Python's email package) reads it back.</summary>
public sealed record ParsedEmail(string MessageId, string Date, string From, string To, string Subject, string ContentType, string Text, string Html);

public static class EmlReader
{
    private const string Script = """
        import email, json, sys
        from email import policy
        m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
        print(json.dumps({"messageId": str(m["Message-ID"]), "date": str(m["Date"]), "from": str(m["From"]), "to": str(m["To"]),
            "subject": str(m["Subject"]), "contentType": m.get_content_type(),
            "text": m.get_body(("plain",)).get_content(), "html": m.get_body(("html",)).get_content()}))
        """;

    public static ParsedEmail Read(string path)
    {
        using var p = Process.Start(new ProcessStartInfo(SmtpServerFixture.Python, ["-c", Script, path])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        })!;
        var json = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{path} does not parse as a MIME message: {error}");
        return JsonSerializer.Deserialize<ParsedEmail>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }
}
