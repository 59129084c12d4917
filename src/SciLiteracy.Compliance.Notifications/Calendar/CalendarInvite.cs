using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Channels;
using IcalCalendar = Ical.Net.Calendar;
using IcalDuration = Ical.Net.DataTypes.Duration;

namespace SciLiteracy.Compliance.Notifications.Calendar;

/// <summary>
/// The calendar invitation of one occurrence's due date (Ical.Net): an all-day VEVENT on the due date with a VALARM at
/// 09:00 the day before. The UID is the occurrence's, so every invitation for it updates one event in the recipient's
/// calendar; the SEQUENCE follows from the state alone (<see cref="SequenceOf"/>), so a restart or a replay gives the
/// same bytes. Everything comes from the message being composed, never from the clock.
/// </summary>
public sealed record CalendarInvite(
    OccurrenceKey Key,
    string Domain,
    InviteMethod Method,
    int Sequence,
    LocalDate Due,
    string Summary,
    string Description,
    (string Email, string Name) Organizer,
    (string Email, string Name) Attendee,
    Instant Stamp)
{
    /// <summary>"xunwu.yearly-report/jiaoketi/2025@mail.example.org": one event per occurrence, whatever its due date.</summary>
    public string Uid => $"{Key}@{Domain}";

    /// <summary>
    /// Each change a recipient's calendar must take raises the SEQUENCE: every extension granted (the store counts them),
    /// and every reopening (退办), which follows a cancellation; the cancellation itself is one above the event it cancels.
    /// </summary>
    public static int SequenceOf(int extensionsGranted, int reopenings, InviteMethod method) =>
        extensionsGranted + 2 * reopenings + (method == InviteMethod.Cancel ? 1 : 0);

    public string ToIcs()
    {
        var calendar = new IcalCalendar { Method = Method == InviteMethod.Request ? "REQUEST" : "CANCEL", ProductId = "-//SciLiteracy.Compliance//scilit//ZH" };
        var e = new CalendarEvent
        {
            Uid = Uid,
            Sequence = Sequence,
            DtStamp = new CalDateTime(Stamp.ToDateTimeUtc(), "UTC", true),
            DtStart = new CalDateTime(Due.Year, Due.Month, Due.Day),
            DtEnd = new CalDateTime(Due.PlusDays(1).Year, Due.PlusDays(1).Month, Due.PlusDays(1).Day),
            Summary = Summary,
            Description = Description,
            Status = Method == InviteMethod.Request ? "CONFIRMED" : "CANCELLED",
            // A deadline, not a meeting: the day stays free in the recipient's calendar.
            Transparency = "TRANSPARENT",
            Organizer = new Organizer("mailto:" + Organizer.Email) { CommonName = Organizer.Name },
        };
        e.Attendees.Add(new Attendee("mailto:" + Attendee.Email) { CommonName = Attendee.Name, Role = "REQ-PARTICIPANT", Rsvp = false });
        if (Method == InviteMethod.Request)
            e.Alarms.Add(new Alarm { Action = "DISPLAY", Description = "明天截止：" + Summary, Trigger = new Trigger(IcalDuration.FromHours(-15)) });
        calendar.Events.Add(e);
        // Ical.Net folds at 75 octets (UTF-8 aware) and ends lines with CRLF, as RFC 5545 requires.
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The .ics file: named after the occurrence (ASCII), typed with its method as iTIP mail expects (RFC 6047).</summary>
    public ChannelAttachment ToAttachment() => new(
        FileName(Key) + (Method == InviteMethod.Cancel ? "-cancel" : "") + ".ics",
        $"text/calendar; charset=utf-8; method={(Method == InviteMethod.Request ? "REQUEST" : "CANCEL")}",
        Encoding.UTF8.GetBytes(ToIcs()));

    private static string FileName(OccurrenceKey key) =>
        new string($"{key.ObligationId}-{key.UnitId}-{key.Period}".Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray());
}
