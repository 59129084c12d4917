using NodaTime;
using NodaTime.Text;

namespace SciLiteracy.Compliance.Application;

/// <summary>Moments as the JSON contracts write them: ISO-8601 local date and time with its offset, e.g. 2025-12-19T23:59:59+08:00.</summary>
public static class Iso
{
    private static readonly OffsetDateTimePattern Pattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>");

    public static string Of(ZonedDateTime moment) => Pattern.Format(moment.ToOffsetDateTime());

    public static string Of(LocalDate day) => LocalDatePattern.Iso.Format(day);
}
