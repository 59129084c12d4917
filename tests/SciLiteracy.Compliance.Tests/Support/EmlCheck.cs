using System.Diagnostics;
using System.Text.Json;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>One message file as Python's email package (policy=default) reads it: its headers and every defect of every part.</summary>
public sealed record CheckedEmail(string File, string MessageId, string To, string From, string Subject, IReadOnlyList<string> Defects, IReadOnlyList<string> MissingHeaders);

/// <summary>Reads many message files with one Python process (an independent MIME parser), so thousands stay cheap.</summary>
public static class EmlCheck
{
    private const string Script = """
        import email, json, sys
        from email import policy
        for path in sys.stdin.read().split("\n"):
            if not path:
                continue
            with open(path, "rb") as f:
                m = email.message_from_binary_file(f, policy=policy.default)
            defects = [f"{part.get_content_type()}: {type(d).__name__}: {d}" for part in m.walk() for d in part.defects]
            # A header that does not parse is a defect of the header, not of the part: read each one to see them.
            for name, value in m.items():
                defects += [f"header {name}: {type(d).__name__}: {d}" for d in getattr(value, "defects", ())]
            for part in m.walk():
                if not part.is_multipart():
                    part.get_content()
            missing = [h for h in ("Date", "Message-ID", "MIME-Version", "From", "To", "Subject") if m[h] is None]
            print(json.dumps({"file": path, "messageId": str(m["Message-ID"] or ""), "to": str(m["To"] or ""),
                "from": str(m["From"] or ""), "subject": str(m["Subject"] or ""), "defects": defects, "missingHeaders": missing}))
        """;

    public static IReadOnlyList<CheckedEmail> Run(IEnumerable<string> files)
    {
        var start = new ProcessStartInfo(SmtpServerFixture.Python, ["-c", Script])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(string.Join("\n", files));
        p.StandardInput.Close();
        if (!p.WaitForExit(TimeSpan.FromMinutes(2))) { p.Kill(); throw new TimeoutException("the email check did not finish within 2 min"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"a message does not parse: {stderr.Result}");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<CheckedEmail>(l, options)!).ToList();
    }

    /// <summary>The address of a To header as Python gives it ("第4局联络员 &lt;a@b&gt;" → "a@b").</summary>
    public static string Address(string header) =>
        header.LastIndexOf('<') is var lt and >= 0 ? header[(lt + 1)..].TrimEnd('>', ' ').ToLowerInvariant() : header.Trim().ToLowerInvariant();
}
