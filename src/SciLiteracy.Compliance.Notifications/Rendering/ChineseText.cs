using System.Globalization;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Notifications.Rendering;

/// <summary>The words messages use for dates, distances and kinds, in one place.</summary>
public static class ChineseText
{
    private static readonly string[] Weekdays = ["", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

    public static string Weekday(LocalDate d) => Weekdays[(int)d.DayOfWeek];

    /// <summary>2025年12月19日（星期五）</summary>
    public static string DateWithWeekday(LocalDate d) => $"{d.Year}年{d.Month}月{d.Day}日（{Weekday(d)}）";

    public static string DateTime(LocalDateTime t) =>
        $"{DateWithWeekday(t.Date)}{t.Hour.ToString("00", CultureInfo.InvariantCulture)}:{t.Minute.ToString("00", CultureInfo.InvariantCulture)}";

    /// <summary>还有 N 天 / 今天到期 / 已逾期 N 天, counted in local calendar days.</summary>
    public static string DaysLeft(LocalDate today, LocalDate due)
    {
        var days = Period.Between(today, due, PeriodUnits.Days).Days;
        return days > 0 ? $"还有 {days} 天" : days == 0 ? "今天到期" : $"已逾期 {-days} 天";
    }

    public static string KindLabel(string kind) => kind switch
    {
        "remind" => "提醒",
        "urge" => "催办",
        "escalate" => "督办",
        "summary" => "每周汇总",
        _ => "发送失败",
    };

    public static string KindName(NotificationKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The exact command that records the work as done.</summary>
    public static string SubmitCommand(OccurrenceKey key) =>
        $"scilit submit --obligation {Quote(key.ObligationId)} --unit {Quote(key.UnitId)} --period {Quote(key.Period)}";

    private static string Quote(string s) => s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') ? s : $"'{s.Replace("'", "'\\''")}'";
}
