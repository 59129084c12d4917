using SciLiteracy.Compliance.Domain.Calendars;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Domain.Plans;
using SciLiteracy.Compliance.Notifications.Calendar;
using SciLiteracy.Compliance.Notifications.Channels;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>
/// Renders the ledger rows of one message through the templates (for RenderStage). The message's date is
/// the moment the rows were composed, so a replay on a virtual clock gives the same bytes.
/// </summary>
internal sealed class MessageComposer(
    RuleSet set, Planner planner, MessageRenderer renderer, PipelineOptions options,
    IReadOnlyDictionary<OccurrenceKey, Submission> submissions, IReadOnlyDictionary<OccurrenceKey, Extension> extensions,
    Func<string, IReadOnlyList<LedgerRow>> rowsOfMessage, IReadOnlyList<ProgressRecord> progress, Func<LedgerRow, DecisionNotice?> decisionOf,
    IReadOnlyDictionary<OccurrenceKey, int> reopenings, IReadOnlyDictionary<(OccurrenceKey Key, int Step), EscalationNumber> escalationNumbers)
{
    private static readonly string[] Severity = [NotificationKinds.Remind, NotificationKinds.Urge, NotificationKinds.Escalate];

    public static UnitDirectory? DirectoryOf(RuleSet set, LedgerRow row) =>
        row.Kind == NotificationKinds.Summary || row.Kind == NotificationKinds.Flag
            ? set.Directories.GetValueOrDefault(row.Key.UnitId)
            : set.ObligationsById.TryGetValue(row.Key.ObligationId, out var o) ? set.DirectoryOf(o) : null;

    public ChannelMessage? Compose(string messageId, IReadOnlyList<LedgerRow> rows)
    {
        var first = rows[0];
        if (DirectoryOf(set, first) is not { } directory) return null;
        var zone = directory.Jurisdiction.TimeZone;
        var composed = rows.Min(r => r.ComposedAt).InZone(zone);
        var recipient = first.Recipient;
        var person = directory.People.FirstOrDefault(p => string.Equals(p.AddressOn(first.Channel), recipient, StringComparison.OrdinalIgnoreCase));
        var replyTo = directory.Office is { } replying ? directory.PeopleOf(replying.Id, Role.Liaison).FirstOrDefault()?.Email : null;
        // Calendar invitations go by email only: the organizer is the office, the attendee the recipient.
        var invites = new List<ChannelAttachment>();
        void Invite(TrackedOccurrence t, InviteMethod method, string summary, string description)
        {
            if (first.Channel != ChannelNames.Email) return;
            invites.Add(new CalendarInvite(t.Occurrence.Key, MailAddresses.DomainOf(options.From), method,
                CalendarInvite.SequenceOf(t.Extension?.Granted ?? 0, reopenings.GetValueOrDefault(t.Occurrence.Key), method), t.Occurrence.Due.Date,
                summary, description, (replyTo ?? options.From, directory.Jurisdiction.Name + "纲要办"), (recipient, person?.Name ?? recipient), composed.ToInstant())
                .ToAttachment());
        }
        var common = new Dictionary<string, object?>
        {
            ["jurisdiction"] = directory.Jurisdiction.Name,
            ["office"] = directory.Office?.Name ?? "纲要办",
            ["recipientName"] = person?.Name ?? recipient,
            ["recipientEmail"] = recipient,
            ["date"] = ChineseText.DateTime(composed.LocalDateTime),
            ["messageId"] = messageId,
            ["officeContact"] = OfficeContact(directory),
        };
        string template;
        switch (NotificationKinds.Parse(first.Kind))
        {
            case NotificationKind.Summary:
                template = "weekly-summary";
                SummaryModel(directory, composed, common);
                break;
            case NotificationKind.Flag:
                template = "delivery-failure";
                var failed = rowsOfMessage(first.Key.Period);
                common["failedMessageId"] = first.Key.Period;
                common["failedTo"] = failed.FirstOrDefault()?.Recipient ?? "";
                common["attempts"] = failed.Count == 0 ? 0 : failed.Max(r => r.Attempts);
                common["lastError"] = failed.FirstOrDefault()?.LastError ?? "";
                common["items"] = failed.Select(r => new Dictionary<string, object?>
                {
                    ["kindLabel"] = ChineseText.KindLabel(r.Kind), ["key"] = r.Key.ToString(), ["step"] = r.Step,
                }).ToList();
                break;
            case NotificationKind.AtRisk:
                template = "target-at-risk";
                var risks = new List<Dictionary<string, object?>>();
                foreach (var row in rows.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).ThenBy(r => r.Step))
                {
                    if (planner.Find(row.Key) is not { Obligation.Target: { } target } occurrence) return null;
                    var standing = TargetStanding.Known(target, progress, occurrence.Obligation.Id, occurrence.Unit.Id, composed.ToInstant(), composed.Date);
                    risks.Add(AtRiskItem(row, occurrence, standing, risks.Count + 1));
                }
                common["items"] = risks;
                common["count"] = risks.Count;
                common["single"] = risks.Count == 1;
                common["kindLabel"] = ChineseText.KindLabel(NotificationKinds.AtRisk);
                common["anyLate"] = rows.Any(r => r.Late);
                break;
            case NotificationKind.RequestDecided or NotificationKind.Reopened:
                if (planner.Find(first.Key) is not { } decided || decisionOf(first) is not { } notice) return null;
                var told = OccurrenceStates.Track(planner, decided, submissions, extensions);
                template = DecisionMessage.Fill(common, notice, told, composed, options.Links?.For(told.Occurrence, recipient) ?? [],
                    UnconfirmedDueDates.IsUnconfirmed(set, told.Occurrence), planner);
                // An approval moves the due date and a 退办 opens the work again: the calendar event is sent anew at once.
                if (notice.Approved || first.Kind == NotificationKinds.Reopened)
                    Invite(told, InviteMethod.Request, InviteSummary(told.Occurrence), notice.Approved ? "延期已批准，截止日期已顺延。" : "已退办，重新办理。");
                break;
            case NotificationKind.Done:
                template = "work-done";
                var done = new List<Dictionary<string, object?>>();
                foreach (var row in rows.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal))
                {
                    if (planner.Find(row.Key) is not { } occurrence) return null;
                    var tracked = OccurrenceStates.Track(planner, occurrence, submissions, extensions);
                    var submittedOn = tracked.Submission is { } s ? ChineseText.DateWithWeekday(s.At.InZone(zone).Date) : "";
                    done.Add(new()
                    {
                        ["number"] = done.Count + 1, ["title"] = occurrence.Obligation.Title, ["unitName"] = occurrence.Unit.Name,
                        ["period"] = ChineseText.PeriodOf(occurrence), ["due"] = ChineseText.DateWithWeekday(tracked.Occurrence.Due.Date),
                        ["submittedOn"] = submittedOn, ["by"] = tracked.Submission?.By,
                    });
                    Invite(tracked, InviteMethod.Cancel, InviteSummary(tracked.Occurrence), $"已办结（{submittedOn}登记），日程取消。");
                }
                common["items"] = done;
                common["count"] = done.Count;
                common["single"] = done.Count == 1;
                common["kindLabel"] = ChineseText.KindLabel(NotificationKinds.Done);
                break;
            default:
                var items = new List<Dictionary<string, object?>>();
                var invited = new HashSet<OccurrenceKey>();
                Obligation? mostSevere = null;
                var severity = -1;
                foreach (var row in rows.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Step))
                {
                    if (planner.Find(row.Key) is not { } occurrence) return null;
                    var tracked = OccurrenceStates.Track(planner, occurrence, submissions, extensions);
                    items.Add(Item(row, tracked, composed.Date, directory, options.Links?.For(tracked.Occurrence, recipient) ?? [],
                        UnconfirmedDueDates.IsUnconfirmed(set, tracked.Occurrence)));
                    var s = Array.IndexOf(Severity, row.Kind);
                    if (s > severity) (severity, mostSevere) = (s, occurrence.Obligation);
                    if (invited.Add(row.Key))
                        Invite(tracked, InviteMethod.Request, InviteSummary(tracked.Occurrence), InviteDescription(tracked.Occurrence, (string)items[^1]["submitTo"]!));
                }
                var names = mostSevere!.Templates;
                template = severity switch { 0 => names.Remind, 1 => names.Urge, _ => names.Escalate };
                for (var i = 0; i < items.Count; i++) items[i]["number"] = i + 1;
                common["items"] = items;
                common["count"] = items.Count;
                common["single"] = items.Count == 1;
                common["kindLabel"] = ChineseText.KindLabel(Severity[severity]);
                common["anyLate"] = items.Any(i => (bool)i["late"]!);
                break;
        }
        var rendered = renderer.Render(template, common);
        // The sender speaks for the jurisdiction's office; replies go to the office's own address, not to the sender's mailbox.
        var officeName = directory.Jurisdiction.Name + "纲要办";
        return new ChannelMessage(messageId, composed, first.Channel, recipient, person?.Name ?? recipient, rendered.Subject, rendered.Text, rendered.Html)
        {
            SenderName = officeName,
            ReplyTo = replyTo,
            ListId = ($"{directory.Jurisdiction.Id}.{MailAddresses.DomainOf(options.From)}", officeName + " 提醒与督办"),
            Attachments = invites,
        };
    }

    private static string InviteSummary(Occurrence o) => $"【截止】{o.Obligation.Title}（{o.Unit.Name}，{ChineseText.PeriodOf(o)}）";

    private static string InviteDescription(Occurrence o, string submitTo) =>
        $"责任单位：{o.Unit.Name}\n完成后报送{submitTo}\n依据：{o.Obligation.Source.Clause}——“{o.Obligation.Source.Quote}”";

    /// <summary>Who to ask: the office's liaison (else its first person) with the address, from the directory.</summary>
    private static string OfficeContact(UnitDirectory directory)
    {
        if (directory.Office is not { } office) return "";
        var person = directory.PeopleOf(office.Id, Role.Liaison).Concat(directory.People.Where(p => p.UnitId == office.Id)).FirstOrDefault();
        return person is null ? office.Name : $"{office.Name} {person.Name}（{person.Email}）";
    }

    /// <summary>"12月20日为星期日，按规定提前至12月19日": a due date the calendar moved says so; null when it did not move.</summary>
    public static string? DueMoved(LocalDate nominal, LocalDate due)
    {
        if (nominal == due) return null;
        var day = nominal.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday ? ChineseText.Weekday(nominal) : "法定节假日";
        var way = due < nominal ? "提前" : "顺延";
        return $"{nominal.Month}月{nominal.Day}日为{day}，按规定{way}至{due.Month}月{due.Day}日";
    }

    private Dictionary<string, object?> Item(LedgerRow row, TrackedOccurrence t, LocalDate today, UnitDirectory directory, IReadOnlyList<ActionLink> links, bool unconfirmed)
    {
        var o = t.Occurrence;
        var submitTo = directory.FindUnit(o.Obligation.SubmitToUnitId)?.Name ?? directory.Office?.Name ?? "纲要办";
        var number = row.Kind == NotificationKinds.Escalate ? escalationNumbers.GetValueOrDefault((row.Key, row.Step)) : null;
        return new()
        {
            ["kind"] = row.Kind,
            ["kindLabel"] = ChineseText.KindLabel(row.Kind),
            ["step"] = row.Step,
            ["late"] = row.Late,
            ["obligationId"] = o.Obligation.Id,
            ["title"] = o.Obligation.Title,
            ["unitId"] = o.Unit.Id,
            ["unitName"] = o.Unit.Name,
            ["period"] = ChineseText.PeriodOf(o),
            ["due"] = ChineseText.DueDate(o.Due.Date, unconfirmed),
            ["daysLeft"] = ChineseText.DaysLeft(today, o.Due.Date),
            ["extended"] = t.Extension is not null,
            ["extensionReason"] = t.Extension?.Reason,
            ["clause"] = o.Obligation.Source.Clause,
            ["quote"] = o.Obligation.Source.Quote,
            ["submitCommand"] = ChineseText.SubmitCommand(o.Key),
            ["submitTo"] = submitTo,
            ["dueMoved"] = t.Extension is null ? DueMoved(o.NominalDue, o.Due.Date) : null,
            ["assumed"] = o.Obligation.Assumed,
            ["assumedReason"] = o.Obligation.AssumedReason,
            ["actions"] = ActionsModel(links),
            ["hasActions"] = links.Count > 0,
            ["duban"] = number is null ? null : EscalationNumbering.Text(directory.Jurisdiction, EscalationNumbering.Parse(number.Series).Year, number.Number),
            ["dubanColor"] = number is null ? null : EscalationNumbering.Color(o.Obligation.Ladder, row.Step),
        };
    }

    /// <summary>An item's buttons as the templates read them (label, url).</summary>
    public static List<Dictionary<string, object?>> ActionsModel(IReadOnlyList<ActionLink> links) =>
        links.Select(l => new Dictionary<string, object?> { ["label"] = l.Label, ["url"] = l.Url }).ToList();

    private static Dictionary<string, object?> AtRiskItem(LedgerRow row, Occurrence o, TargetStanding standing, int number) => new()
    {
        ["number"] = number,
        ["step"] = row.Step,
        ["stepLabel"] = row.Step switch { 1 => "告知责任单位", 2 => "告知牵头单位", _ => "报告纲要办" },
        ["late"] = row.Late,
        ["obligationId"] = o.Obligation.Id,
        ["title"] = o.Obligation.Title,
        ["unitName"] = o.Unit.Name,
        ["indicator"] = standing.Target.Indicator,
        ["value"] = ChineseText.Amount(standing.Target.Value, standing.Target.Unit),
        ["by"] = ChineseText.DateWithWeekday(standing.Target.By),
        ["latest"] = standing.Latest is { } l ? ChineseText.Amount(l.Value, standing.Target.Unit) : "",
        ["latestAsOf"] = standing.Latest is { } m ? ChineseText.DateWithWeekday(m.AsOf) : "",
        ["expected"] = ChineseText.Amount(standing.Expected, standing.Target.Unit),
        ["clause"] = o.Obligation.Source.Clause,
        ["quote"] = o.Obligation.Source.Quote,
        ["recordCommand"] = ChineseText.ProgressCommand(o.Obligation.Id, o.Unit.Id),
    };

    private static string Final(TargetStanding s) => s.Latest is { } l ? ChineseText.Amount(l.Value, s.Target.Unit) : "未报";

    /// <summary>"plan ended on …, no successor entered", and what still runs: the office must not read silence as compliance.</summary>
    private List<string> PlanNotices(UnitDirectory directory, LocalDate today)
    {
        if (PlanLifecycle.EndedWithoutSuccessor(set, directory.Jurisdiction.Id, today) is not { } ended) return [];
        var standing = set.Obligations.Where(o => o.JurisdictionId == directory.Jurisdiction.Id && o.Term == ObligationTerm.Standing)
            .Select(o => o.Title).Distinct().ToList();
        return [$"《{ended.Title}》已于{ChineseText.DateWithWeekday(ended.To)}结束，尚未录入后续规划：随该规划的工作不再提醒。" +
            (standing.Count == 0 ? "目前没有仍在执行的长期工作。" : $"仍在执行的长期工作 {standing.Count} 项：{string.Join("、", standing)}。")];
    }

    private void SummaryModel(UnitDirectory directory, ZonedDateTime composed, Dictionary<string, object?> model)
    {
        var now = composed.ToInstant();
        var today = composed.Date;
        var soon = today.PlusDays(options.DueSoonDays);
        // The same account of the backlog as `status` (Backlog): stale items of ended plans are counted apart, not listed.
        var backlog = Backlog.Of(planner, now, soon, submissions, extensions, options.ArchiveAfterDays, directory.Jurisdiction.Id);
        // What the office reads: the counts, what changed this week, and the overdue items by name — up to a screenful;
        // the whole table is the board's (a county's is 2,300 rows nobody reads in an email, and building them cost most of a year's simulation).
        var overdue = backlog.Live.Where(t => t.Submission is null && t.Occurrence.Due.ToInstant() < now).ToList();
        model["overdueRows"] = overdue
            .OrderBy(t => t.Occurrence.Unit.Id, StringComparer.Ordinal).ThenBy(t => t.Occurrence.Obligation.Id, StringComparer.Ordinal)
            .ThenBy(t => t.Occurrence.Due.ToInstant())
            .Take(options.SummaryListsOverdue)
            .Select(t => new Dictionary<string, object?>
            {
                ["unitName"] = t.Occurrence.Unit.Name, ["title"] = t.Occurrence.Obligation.Title, ["obligationId"] = t.Occurrence.Obligation.Id,
                ["period"] = ChineseText.PeriodOf(t.Occurrence), ["due"] = ChineseText.DueDate(t.Occurrence.Due.Date, UnconfirmedDueDates.IsUnconfirmed(set, t.Occurrence)),
                ["daysLeft"] = ChineseText.DaysLeft(today, t.Occurrence.Due.Date),
                ["state"] = "已逾期", ["color"] = "red", ["colorHex"] = "#c62828",
            }).ToList();
        model["moreOverdue"] = Math.Max(0, overdue.Count - options.SummaryListsOverdue);
        model["done"] = backlog.Live.Count(t => t.Submission is not null);
        model["overdue"] = overdue.Count;
        model["dueSoon"] = backlog.Live.Count - overdue.Count - (int)model["done"]!;
        var weekAgo = now - Duration.FromDays(7);
        model["doneThisWeek"] = backlog.Live.Count(t => t.Submission is { } s && s.At > weekAgo && s.At <= now);
        model["overdueThisWeek"] = backlog.Live.Count(t => t.Submission is null && t.Occurrence.Due.ToInstant() is var due && due > weekAgo && due < now);
        model["boardUrl"] = options.Links?.Board(directory.Jurisdiction.Id);
        model["week"] = $"{today.Year}年{today.Month}月{today.Day}日所在周";
        model["archived"] = backlog.Archived.Count;
        model["archiveAfterDays"] = options.ArchiveAfterDays;
        model["planNotices"] = PlanNotices(directory, today);
        // The office must know when the holiday calendar runs out: those days fall back to Monday to Friday.
        // and which due dates of the coming year count by weekends only until the year's holiday notice is entered.
        var j = directory.Jurisdiction;
        model["calendarGaps"] = CalendarCoverage.Check(set, now, jurisdictionId: j.Id).Select(g => g.Message)
            .Concat(UnconfirmedDueDates.Of(planner, j.Id, today.PlusDays(-365), today.PlusDays(CalendarCoverage.LookAheadDays)).GroupBy(o => o.NominalDue.Year).Select(g =>
                $"{g.Key}年节假日安排尚未录入：{g.Select(o => o.Key).Distinct().Count()} 项工作的截止日期（最早 {ChineseText.DateWithWeekday(g.Min(o => o.NominalDue))}）暂按周末计算，" +
                $"已标注“{UnconfirmedDueDates.Mark}”；国务院通知发布后请添加 calendars/{j.CalendarId}/{g.Key}.yaml。"))
            .ToList();

        // Targets still running (or ended within the year): each unit's latest measurement against the straight line.
        var targets = new List<Dictionary<string, object?>>();
        foreach (var o in set.Obligations.Where(o => o.Target is not null && o.JurisdictionId == directory.Jurisdiction.Id && o.Target.By >= today.PlusDays(-365))
                     .OrderBy(o => o.Id, StringComparer.Ordinal))
            foreach (var unitId in o.ResponsibleUnitIds)
            {
                var standing = TargetStanding.Known(o.Target!, progress, o.Id, unitId, now, today);
                var (label, color, hex) = standing.State switch
                {
                    TargetState.OnTrack => ("进度正常", "green", "#2e7d32"),
                    TargetState.AtRisk => ("进度滞后", "red", "#c62828"),
                    TargetState.Met => ($"已达成（最终值 {Final(standing)}）", "green", "#2e7d32"),
                    TargetState.Missed => ($"未达成（最终值 {Final(standing)}）", "red", "#c62828"),
                    TargetState.NotJudged => ("暂不判断进度（无基线，待第二次进度数据）", "yellow", "#f9a825"),
                    _ => ("未报进度", "yellow", "#f9a825"),
                };
                targets.Add(new()
                {
                    ["unitName"] = directory.FindUnit(unitId)?.Name ?? unitId, ["title"] = o.Title, ["obligationId"] = o.Id,
                    ["value"] = ChineseText.Amount(o.Target!.Value, o.Target.Unit),
                    ["latest"] = standing.Latest is { } l ? ChineseText.Amount(l.Value, o.Target.Unit) : "—",
                    ["latestAsOf"] = standing.Latest is { } m ? ChineseText.DateWithWeekday(m.AsOf) : "",
                    ["expected"] = ChineseText.Amount(standing.Expected, o.Target.Unit),
                    ["state"] = label, ["color"] = color, ["colorHex"] = hex,
                });
            }
        model["targets"] = targets;
        model["anyTargets"] = targets.Count > 0;
        model["targetsOnTrack"] = targets.Count(r => (string)r["color"]! == "green");
        model["targetsNoProgress"] = targets.Count(r => (string)r["color"]! == "yellow");
        model["targetsAtRisk"] = targets.Count(r => (string)r["color"]! == "red");
    }
}
