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
        var json = PythonScript.Run(Script, [path], error => $"{path} does not parse as a MIME message: {error}");
        return JsonSerializer.Deserialize<ParsedEmail>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }
}
