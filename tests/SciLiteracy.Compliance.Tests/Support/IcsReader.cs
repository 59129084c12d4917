using System.Text.Json;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>A calendar invitation as Python's email package finds it in an .eml file and Debian's python3-icalendar reads it.</summary>
public sealed record ParsedInvite(
    string FileName, string ContentType, string Method, string Uid, int Sequence, string Start, bool AllDay, string Status,
    string Summary, List<string> Alarms, int LongestLineOctets, bool BareLineFeed, string Text);

public static class IcsReader
{
    private const string Script = """
        import datetime, email, json, sys
        from email import policy
        import icalendar
        out = []
        for path in sys.argv[1:]:
            m = email.message_from_binary_file(open(path, 'rb'), policy=policy.default)
            for part in m.walk():
                if part.get_content_type() != 'text/calendar':
                    continue
                raw = part.get_payload(decode=True)
                cal = icalendar.Calendar.from_ical(raw)
                ev = cal.walk('VEVENT')[0]
                start = ev.decoded('DTSTART')
                out.append({"fileName": part.get_filename(), "contentType": str(part['Content-Type']), "method": str(cal.get('METHOD')),
                    "uid": str(ev.get('UID')), "sequence": int(ev.get('SEQUENCE', 0)), "start": start.isoformat(),
                    "allDay": not isinstance(start, datetime.datetime), "status": str(ev.get('STATUS', '')),
                    "summary": str(ev.get('SUMMARY')), "alarms": [a.get('TRIGGER').to_ical().decode() for a in ev.walk('VALARM')],
                    "longestLineOctets": max(len(l) for l in raw.split(b'\r\n')),
                    "bareLineFeed": b'\n' in raw.replace(b'\r\n', b''), "text": raw.decode('utf-8')})
        print(json.dumps(out))
        """;

    /// <summary>Every text/calendar part of the files, in order.</summary>
    public static IReadOnlyList<ParsedInvite> Read(params string[] emlFiles)
    {
        var json = PythonScript.Run(Script, emlFiles, error => $"python3-icalendar could not read the invitations of {string.Join(", ", emlFiles)}: {error}");
        return JsonSerializer.Deserialize<List<ParsedInvite>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }
}
