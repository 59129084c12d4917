using NodaTime;

namespace SciLiteracy.Compliance.Domain.Calendars;

/// <summary>A stretch of days a jurisdiction's calendar has no data for: they count as Monday to Friday.</summary>
public sealed record CalendarGap(string JurisdictionId, string CalendarId, DateInterval Days)
{
    /// <summary>One line for the log and the office's weekly summary (the summary is in Chinese).</summary>
    public string Message =>
        $"工作日历 {CalendarId}（{JurisdictionId}）未覆盖 {Days.Start:uuuu-MM-dd} 至 {Days.End:uuuu-MM-dd}：" +
        $"这些日期暂按周一至周五计算工作日，节假日和调休不会生效。请添加 calendars/{CalendarId}/{Days.Start.Year}.yaml。";
}
