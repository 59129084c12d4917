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

    /// <summary>A due date, marked 待国务院安排确认 when the holiday data does not cover its year (the day counts by weekends only).</summary>
    public static string DueDate(LocalDate d, bool unconfirmed) =>
        unconfirmed ? $"{d.Year}年{d.Month}月{d.Day}日（{Weekday(d)}，{Domain.Planning.UnconfirmedDueDates.Mark}）" : DateWithWeekday(d);

    /// <summary>The period as people mean it: a report due in spring 2027 on the year before reads 2026年度.</summary>
    public static string PeriodOf(Domain.Planning.Occurrence o) =>
        o.Obligation.Schedule is Domain.Scheduling.YearlySchedule { PeriodYear: Domain.Scheduling.PeriodYear.Previous }
            or Domain.Scheduling.EveryYearsSchedule { PeriodYear: Domain.Scheduling.PeriodYear.Previous }
            ? $"{o.Period}年度" : o.Period;

    public static string DateTime(LocalDateTime t) =>
        $"{DateWithWeekday(t.Date)}{t.Hour.ToString("00", CultureInfo.InvariantCulture)}:{t.Minute.ToString("00", CultureInfo.InvariantCulture)}";

    /// <summary>还有 N 天 / 今天到期 / 已逾期 N 天, counted in local calendar days.</summary>
    public static string DaysLeft(LocalDate today, LocalDate due)
    {
        var days = Period.Between(today, due, PeriodUnits.Days).Days;
        return days > 0 ? $"还有 {days} 天" : days == 0 ? "今天到期" : $"已逾期 {-days} 天";
    }

    public static string KindLabel(string kind) => NotificationKinds.Parse(kind) switch
    {
        NotificationKind.Remind => "提醒",
        NotificationKind.Urge => "催办",
        NotificationKind.Escalate => "督办",
        NotificationKind.Summary => "每周汇总",
        NotificationKind.AtRisk => "目标进度预警",
        NotificationKind.RequestDecided => "延期审核结果",
        NotificationKind.Reopened => "退办通知",
        NotificationKind.Done => "办结",
        _ => "发送失败",
    };

    public static string KindName(NotificationKind kind) => NotificationKinds.Name(kind);

    /// <summary>12.5% / 390名: the figure as recorded, without trailing zeros, then the indicator's unit.</summary>
    public static string Amount(decimal value, string? unit) =>
        Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture) + (unit ?? "");

    /// <summary>The exact command that records a new measurement of a target for a unit.</summary>
    public static string ProgressCommand(string targetId, string unitId) =>
        $"scilit progress record --target {Quote(targetId)} --unit {Quote(unitId)} --value 数值 --as-of 统计日期";

    /// <summary>The exact command that records the work as done.</summary>
    public static string SubmitCommand(OccurrenceKey key) =>
        $"scilit submit --obligation {Quote(key.ObligationId)} --unit {Quote(key.UnitId)} --period {Quote(key.Period)}";

    private static string Quote(string s) => s.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') ? s : $"'{s.Replace("'", "'\\''")}'";
}
