using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Quartz.Serialization.SystemTextJson.Calendars;
using SciLiteracy.Compliance.Domain.Calendars;

namespace SciLiteracy.Compliance.Scheduling;

/// <summary>
/// Lets a persistent Quartz store keep a <see cref="WorkingDayQuartzCalendar"/>: register it with
/// <c>UseSystemTextJsonSerializer(json =&gt; json.AddCalendarSerializer(new WorkingDayQuartzCalendarSerializer()))</c>.
/// The stored copy is a snapshot of the data; <see cref="WorkingDayQuartzCalendar.RegisterAsync"/> replaces it after every rule reload.
/// </summary>
public sealed class WorkingDayQuartzCalendarSerializer : CalendarSerializer<WorkingDayQuartzCalendar>
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public override string CalendarTypeName => "SciLiteracyWorkingDayCalendar";

    protected override WorkingDayQuartzCalendar Create(JsonElement payload, JsonSerializerOptions options)
    {
        var zone = DateTimeZoneProviders.Tzdb[payload.GetProperty("zone").GetString()!];
        var years = payload.GetProperty("years").EnumerateArray().Select(y => y.GetInt32());
        var days = payload.GetProperty("days").EnumerateArray().Select(d => new ListedDay(
            DatePattern.Parse(d.GetProperty("date").GetString()!).Value,
            d.GetProperty("working").GetBoolean(),
            d.TryGetProperty("name", out var name) ? name.GetString() : null));
        var id = payload.GetProperty("calendar").GetString()!;
        return new WorkingDayQuartzCalendar(new YearlyHolidayCalendar(id, years, days), zone);
    }

    protected override void SerializeFields(Utf8JsonWriter writer, WorkingDayQuartzCalendar calendar, JsonSerializerOptions options)
    {
        // A jurisdiction without calendar data has the Monday-to-Friday calendar: stored as data with no days.
        var data = calendar.WorkingDays as YearlyHolidayCalendar ?? new YearlyHolidayCalendar("weekdays", [], []);
        writer.WriteString("calendar", data.Id);
        writer.WriteString("zone", calendar.Zone.Id);
        writer.WriteStartArray("years");
        foreach (var year in data.CoveredYears) writer.WriteNumberValue(year);
        writer.WriteEndArray();
        writer.WriteStartArray("days");
        foreach (var day in data.ListedDays)
        {
            writer.WriteStartObject();
            writer.WriteString("date", DatePattern.Format(day.Date));
            writer.WriteBoolean("working", day.IsWorkingDay);
            if (day.Name is not null) writer.WriteString("name", day.Name);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    // Everything is read in Create: the calendar is immutable.
    protected override void DeserializeFields(WorkingDayQuartzCalendar calendar, JsonElement payload, JsonSerializerOptions options) { }
}
