using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Directory;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.Storage;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>
/// Stage render: turns the ledger rows of one message into an email through the templates. The Date header is
/// the moment the rows were composed, so a replay on a virtual clock gives the same bytes.
/// </summary>
internal sealed class MessageComposer(
    RuleSet set, Planner planner, MessageRenderer renderer, PipelineOptions options,
    IReadOnlyDictionary<OccurrenceKey, Submission> submissions, IReadOnlyDictionary<OccurrenceKey, Extension> extensions,
    Func<IReadOnlyList<LedgerRow>> ledger)
{
    // Read only when a failure notice needs it, and once: most cycles send none.
    private IReadOnlyList<LedgerRow>? wholeLedger;
    // Every weekly summary of a cycle looks at the same occurrences: planned once per moment, not once per jurisdiction.
    private readonly Dictionary<Instant, IReadOnlyList<TrackedOccurrence>> trackedAt = [];

    private static readonly string[] Severity = [ComplianceCycle.Remind, ComplianceCycle.Urge, ComplianceCycle.Escalate];

    public static UnitDirectory? DirectoryOf(RuleSet set, LedgerRow row) =>
        row.Kind is ComplianceCycle.Summary or ComplianceCycle.Flag
            ? set.Directories.GetValueOrDefault(row.Key.UnitId)
            : set.ObligationsById.TryGetValue(row.Key.ObligationId, out var o) ? set.DirectoryOf(o) : null;

    public OutgoingMessage? Compose(string messageId, IReadOnlyList<LedgerRow> rows)
    {
        var first = rows[0];
        if (DirectoryOf(set, first) is not { } directory) return null;
        var zone = directory.Jurisdiction.TimeZone;
        var composed = rows.Min(r => r.ComposedAt).InZone(zone);
        var recipient = first.Recipient;
        var person = directory.People.FirstOrDefault(p => string.Equals(p.Email, recipient, StringComparison.OrdinalIgnoreCase));
        var common = new Dictionary<string, object?>
        {
            ["jurisdiction"] = directory.Jurisdiction.Name,
            ["office"] = directory.Office?.Name ?? "纲要办",
            ["recipientName"] = person?.Name ?? recipient,
            ["recipientEmail"] = recipient,
            ["date"] = ChineseText.DateTime(composed.LocalDateTime),
            ["messageId"] = messageId,
        };
        string template;
        switch (first.Kind)
        {
            case ComplianceCycle.Summary:
                template = "weekly-summary";
                SummaryModel(directory, composed, common);
                break;
            case ComplianceCycle.Flag:
                template = "delivery-failure";
                var failed = (wholeLedger ??= ledger()).Where(r => r.MessageId == first.Key.Period).ToList();
                common["failedMessageId"] = first.Key.Period;
                common["failedTo"] = failed.FirstOrDefault()?.Recipient ?? "";
                common["attempts"] = failed.Count == 0 ? 0 : failed.Max(r => r.Attempts);
                common["lastError"] = failed.FirstOrDefault()?.LastError ?? "";
                common["items"] = failed.Select(r => new Dictionary<string, object?>
                {
                    ["kindLabel"] = ChineseText.KindLabel(r.Kind), ["key"] = r.Key.ToString(), ["step"] = r.Step,
                }).ToList();
                break;
            default:
                var items = new List<Dictionary<string, object?>>();
                Obligation? mostSevere = null;
                var severity = -1;
                foreach (var row in rows.OrderBy(r => r.Key.ToString(), StringComparer.Ordinal).ThenBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Step))
                {
                    if (planner.Find(row.Key) is not { } occurrence) return null;
                    var tracked = OccurrenceStates.Track(planner, occurrence, submissions, extensions);
                    items.Add(Item(row, tracked, composed.Date));
                    var s = Array.IndexOf(Severity, row.Kind);
                    if (s > severity) (severity, mostSevere) = (s, occurrence.Obligation);
                }
                var names = mostSevere!.Templates;
                template = Severity[severity] switch { ComplianceCycle.Remind => names.Remind, ComplianceCycle.Urge => names.Urge, _ => names.Escalate };
                for (var i = 0; i < items.Count; i++) items[i]["number"] = i + 1;
                common["items"] = items;
                common["count"] = items.Count;
                common["single"] = items.Count == 1;
                common["kindLabel"] = ChineseText.KindLabel(Severity[severity]);
                common["anyLate"] = items.Any(i => (bool)i["late"]!);
                break;
        }
        var rendered = renderer.Render(template, common);
        return new OutgoingMessage(messageId, composed, options.From, recipient, rendered.Subject, rendered.Text, rendered.Html);
    }

    private static Dictionary<string, object?> Item(LedgerRow row, TrackedOccurrence t, LocalDate today)
    {
        var o = t.Occurrence;
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
            ["period"] = o.Period,
            ["due"] = ChineseText.DateWithWeekday(o.Due.Date),
            ["daysLeft"] = ChineseText.DaysLeft(today, o.Due.Date),
            ["extended"] = t.Extension is not null,
            ["extensionReason"] = t.Extension?.Reason,
            ["clause"] = o.Obligation.Source.Clause,
            ["quote"] = o.Obligation.Source.Quote,
            ["submitCommand"] = ChineseText.SubmitCommand(o.Key),
        };
    }

    private void SummaryModel(UnitDirectory directory, ZonedDateTime composed, Dictionary<string, object?> model)
    {
        var now = composed.ToInstant();
        var today = composed.Date;
        var soon = today.PlusDays(options.DueSoonDays);
        var rows = new List<Dictionary<string, object?>>();
        if (!trackedAt.TryGetValue(now, out var tracked)) trackedAt[now] = tracked = OccurrenceStates.Around(planner, now, submissions, extensions);
        foreach (var t in tracked
                     .Where(t => t.Occurrence.Obligation.JurisdictionId == directory.Jurisdiction.Id)
                     .Where(t => t.Occurrence.Due.Date <= soon && t.Occurrence.Due.Date >= today.PlusDays(-365))
                     .OrderBy(t => t.Occurrence.Unit.Id, StringComparer.Ordinal).ThenBy(t => t.Occurrence.Obligation.Id, StringComparer.Ordinal)
                     .ThenBy(t => t.Occurrence.Due.ToInstant()))
        {
            var (label, color, hex) = t.Submission is not null ? ("已完成", "green", "#2e7d32")
                : t.Occurrence.Due.ToInstant() < now ? ("已逾期", "red", "#c62828")
                : ("即将到期", "yellow", "#f9a825");
            rows.Add(new()
            {
                ["unitName"] = t.Occurrence.Unit.Name, ["title"] = t.Occurrence.Obligation.Title, ["obligationId"] = t.Occurrence.Obligation.Id,
                ["period"] = t.Occurrence.Period, ["due"] = ChineseText.DateWithWeekday(t.Occurrence.Due.Date),
                ["daysLeft"] = t.Submission is null ? ChineseText.DaysLeft(today, t.Occurrence.Due.Date) : "",
                ["state"] = label, ["color"] = color, ["colorHex"] = hex,
            });
        }
        model["rows"] = rows;
        model["done"] = rows.Count(r => (string)r["color"]! == "green");
        model["dueSoon"] = rows.Count(r => (string)r["color"]! == "yellow");
        model["overdue"] = rows.Count(r => (string)r["color"]! == "red");
        model["week"] = $"{today.Year}年{today.Month}月{today.Day}日所在周";
    }
}
