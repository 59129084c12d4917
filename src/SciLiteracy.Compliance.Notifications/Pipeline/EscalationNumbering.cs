using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>
/// The numbered 督办单: each escalation step (督办, not the 催办 at the due date) of an occurrence gets the next number of
/// its jurisdiction's series for the year it is recorded in (the store gives it, in the transaction that records the
/// step's rows), written "寻乌纲要办督〔2026〕3号", and the colour of its place on the ladder.
/// </summary>
public static class EscalationNumbering
{
    /// <summary>"xunwu/2026": the series of a pending escalation row, by its jurisdiction and the local year it was composed in; null for any other row.</summary>
    public static string? SeriesOf(RuleSet set, LedgerRow row)
    {
        if (row.Kind != NotificationKinds.Escalate || row.Status != LedgerStatus.Pending) return null;
        if (!set.ObligationsById.TryGetValue(row.Key.ObligationId, out var obligation)) return null;
        var j = set.DirectoryOf(obligation).Jurisdiction;
        return Series(j.Id, row.ComposedAt.InZone(j.TimeZone).Year);
    }

    public static string Series(string jurisdictionId, int year) => $"{jurisdictionId}/{year}";

    /// <summary>The jurisdiction and year of a series.</summary>
    public static (string JurisdictionId, int Year) Parse(string series)
    {
        var slash = series.LastIndexOf('/');
        return (series[..slash], int.Parse(series[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The rule file's <c>escalationPrefix</c>, else the jurisdiction's short name (its name without the final 县, 市 or
    /// 区: 寻乌县 → 寻乌) and the office's short name 纲要办, then 督: "寻乌纲要办督".
    /// </summary>
    public static string Prefix(Jurisdiction j) => j.EscalationPrefix ?? ShortName(j.Name) + "纲要办督";

    /// <summary>"寻乌纲要办督〔2026〕3号".</summary>
    public static string Text(Jurisdiction j, int year, int number) => $"{Prefix(j)}〔{year}〕{number}号";

    /// <summary>
    /// 蓝, 黄 or 红 by the step's place among the ladder's escalation steps (the 催办 at the due date not counted): the
    /// last is 红, the first 蓝 (a ladder with one escalation has only 红), any between 黄.
    /// </summary>
    public static string Color(Ladder ladder, int step)
    {
        var escalations = ladder.Escalation.Select((e, i) => (e, Step: i + 1)).Where(x => !x.e.IsUrge).Select(x => x.Step).ToList();
        var place = escalations.IndexOf(step);
        return place == escalations.Count - 1 ? "红" : place == 0 ? "蓝" : "黄";
    }

    private static string ShortName(string name) =>
        name.Length > 2 && name[^1] is '县' or '市' or '区' ? name[..^1] : name;
}
