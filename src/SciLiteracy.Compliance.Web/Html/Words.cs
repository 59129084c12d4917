using NodaTime;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.Web.Actions;

namespace SciLiteracy.Compliance.Web.Html;

/// <summary>Colours and times as the pages write them.</summary>
public static class Words
{
    public static (string Label, string Css) Color(BoardColor color) => color switch
    {
        BoardColor.Blue => ("蓝", "blue"),
        BoardColor.Yellow => ("黄", "yellow"),
        BoardColor.Red => ("红", "red"),
        _ => ("办结", "done"),
    };

    public static string Moment(Instant at, DateTimeZone zone) => ChineseText.DateTime(at.InZone(zone).LocalDateTime);
}
