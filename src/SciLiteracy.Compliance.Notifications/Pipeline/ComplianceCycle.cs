using System.Security.Cryptography;
using System.Text;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.Storage;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>A message the cycle handed to the transport, with the ledger rows it carries.</summary>
public sealed record DeliveredMessage(OutgoingMessage Message, IReadOnlyList<LedgerRow> Rows);

/// <summary>What one cycle did, in detail: `simulate` prints it, `run` logs it.</summary>
public sealed record CycleOutcome(Instant At, CycleReport Report, IReadOnlyList<DeliveredMessage> Sent,
    IReadOnlyList<(OutgoingMessage Message, string Error)> Failed, int Cancelled);

/// <summary>
/// The notification pipeline as explicit stages, in the spirit of Alertmanager's notify pipeline:
/// plan → inhibit (submissions cancel waiting rows) → fold/catch-up → dedupe against the ledger → group per
/// recipient → record as pending (one transaction) → render and send → mark sent, or retry with backoff and flag.
/// Everything it decides follows from the rules, the state file and <c>now</c>, so a virtual clock replays it exactly.
/// </summary>
public sealed class ComplianceCycle(IRuleSource rules, IStateStore store, IMailTransport transport, MessageRenderer renderer, PipelineOptions options)
    : IComplianceCycle
{
    public const string Remind = "remind", Urge = "urge", Escalate = "escalate", Summary = "summary", Flag = "flag";
    public const string SummaryObligation = "weekly-summary", FailureObligation = "delivery-failure";

    public async Task<CycleReport> RunAsync(Instant now, CancellationToken cancellationToken) =>
        (await RunDetailedAsync(now, cancellationToken)).Report;

    // Two triggers firing together (schedule and retry) must not both pick up the same pending rows.
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public async Task<CycleOutcome> RunDetailedAsync(Instant now, CancellationToken cancellationToken)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try { return await RunExclusiveAsync(now, cancellationToken); }
        finally { oneAtATime.Release(); }
    }

    private async Task<CycleOutcome> RunExclusiveAsync(Instant now, CancellationToken cancellationToken)
    {
        var set = rules.Current;
        var planner = new Planner(set);
        var epoch = store.Epoch(now);
        var submissions = OccurrenceStates.SubmittedBy(store.Submissions(), now);
        var tracked = OccurrenceStates.Around(planner, now, submissions, OccurrenceStates.GrantedBy(store.Extensions(), now));

        // The outbox and the identities, not the whole ledger: a year of sent rows must not make every cycle slower.
        var waiting = store.Waiting();
        var existing = store.Identities();
        var cancelled = Inhibit(waiting, submissions);
        var (newRows, obsolete) = FoldAndDedupe(planner, tracked, waiting, existing, now, epoch);
        newRows.AddRange(SummaryRows(set, existing, now, epoch));
        var recorded = store.Record(Group(newRows, now));
        store.Update([.. cancelled, .. obsolete]);

        var (sent, failed, flags) = await SendDueAsync(set, planner, now, cancellationToken);
        if (flags.Count > 0)
        {
            store.Record(flags);
            var (flagSent, flagFailed, _) = await SendDueAsync(set, planner, now, cancellationToken);
            sent.AddRange(flagSent);
            failed.AddRange(flagFailed);
        }
        var folded = recorded.Count(r => r.Status == LedgerStatus.Folded) + obsolete.Count;
        return new CycleOutcome(now,
            new CycleReport(recorded.Count(r => r.Status == LedgerStatus.Pending), sent.Count, failed.Count, folded),
            sent, failed, cancelled.Count);
    }

    /// <summary>When the outbox next has a retry due, for the worker to schedule a wake-up; null when nothing waits.</summary>
    public Instant? NextRetryAt() => store.Waiting()
        .Where(r => r.NextAttemptAt is not null)
        .Select(r => r.NextAttemptAt).Min();

    /// <summary>
    /// Every moment in [from, to] at which a cycle has something to do: each distinct send moment of a planned
    /// notification of an open occurrence, and each weekly-summary moment. `simulate` steps through these.
    /// </summary>
    public IReadOnlyList<Instant> TriggerMoments(Instant from, Instant to)
    {
        var set = rules.Current;
        var planner = new Planner(set);
        var moments = new SortedSet<Instant>();
        var submissions = OccurrenceStates.SubmittedBy(store.Submissions(), from);
        // An extension granted inside the window switches ladders then: moments of both ladders count.
        var noExtensions = new Dictionary<OccurrenceKey, Extension>();
        var tracked = new[] { from, to }.SelectMany(at => new[] { noExtensions, store.Extensions() }
            .SelectMany(extensions => OccurrenceStates.Around(planner, at, submissions, extensions)));
        foreach (var t in tracked)
            if (t.IsOpen)
                foreach (var n in planner.Notifications(t.Occurrence))
                    if (n.Recipients.Length > 0 && n.SendAt.ToInstant() >= from && n.SendAt.ToInstant() <= to) moments.Add(n.SendAt.ToInstant());
        foreach (var directory in set.Directories.Values)
        {
            var zone = directory.Jurisdiction.TimeZone;
            for (var day = from.InZone(zone).Date; day <= to.InZone(zone).Date; day = day.PlusDays(1))
                if (day.DayOfWeek == options.SummaryDay && SummaryMoment(directory.Jurisdiction, day) is var m && m >= from && m <= to)
                    moments.Add(m);
        }
        return moments.ToList();
    }

    // Stage: inhibit. A submission stops everything still waiting for its occurrence, including the outbox.
    private static List<LedgerRow> Inhibit(IReadOnlyList<LedgerRow> ledger, IReadOnlyDictionary<OccurrenceKey, Submission> submissions) =>
        ledger.Where(r => IsWaiting(r) && submissions.ContainsKey(r.Key))
            .Select(r => r with { Status = LedgerStatus.Cancelled, NextAttemptAt = null, LastError = "submitted before sending" })
            .ToList();

    private static bool IsWaiting(LedgerRow r) => r.Status is LedgerStatus.Pending or LedgerStatus.FailedFlagged;

    // Stages: plan, fold/catch-up and dedupe. Per open occurrence only the latest due step is sent; earlier steps
    // nobody was told about are recorded as folded, and earlier steps still waiting in the outbox are folded too.
    private (List<LedgerRow> New, List<LedgerRow> Obsolete) FoldAndDedupe(
        Planner planner, IReadOnlyList<TrackedOccurrence> tracked, IReadOnlyList<LedgerRow> outbox,
        HashSet<(OccurrenceKey, string, int, string)> existing, Instant now, Instant epoch)
    {
        var waiting = outbox.ToLookup(r => r.Key);
        var result = new List<LedgerRow>();
        var obsolete = new List<LedgerRow>();
        foreach (var t in tracked.Where(t => t.IsOpen))
        {
            var due = planner.Notifications(t.Occurrence)
                .Where(n => n.Recipients.Length > 0 && n.SendAt.ToInstant() <= now && n.SendAt.ToInstant() >= epoch)
                .ToList();
            if (due.Count == 0) continue;
            var latest = due.MaxBy(n => (n.SendAt.ToInstant(), n.Rank))!;
            foreach (var n in due)
            {
                var isLatest = ReferenceEquals(n, latest);
                var late = isLatest && now - n.SendAt.ToInstant() > options.Grace;
                foreach (var r in n.Recipients)
                {
                    var row = new LedgerRow(t.Occurrence.Key, ChineseText.KindName(n.Kind), n.Step, r.Email,
                        isLatest ? LedgerStatus.Pending : LedgerStatus.Folded, 0, null, null, null, late,
                        n.SendAt.ToInstant(), now, null);
                    if (existing.Add(row.Identity)) result.Add(row);
                }
            }
            var latestRank = latest.Rank;
            obsolete.AddRange(waiting[t.Occurrence.Key]
                .Where(r => r.Kind is Remind or Urge or Escalate && RankOf(r) < latestRank)
                .Select(r => r with { Status = LedgerStatus.Folded, NextAttemptAt = null, LastError = "folded into a later step" }));
        }
        return (result, obsolete);
    }

    private static int RankOf(LedgerRow r) => r.Kind == Remind ? r.Step : 1000 + r.Step;

    // The weekly summary to the office: one per jurisdiction and ISO week, once its moment has come.
    private IEnumerable<LedgerRow> SummaryRows(RuleSet set, HashSet<(OccurrenceKey, string, int, string)> existing, Instant now, Instant epoch)
    {
        foreach (var directory in set.Directories.Values.OrderBy(d => d.Jurisdiction.Id, StringComparer.Ordinal))
        {
            var j = directory.Jurisdiction;
            var today = now.InZone(j.TimeZone).Date;
            var day = today.With(DateAdjusters.PreviousOrSame(options.SummaryDay));
            var moment = SummaryMoment(j, day);
            if (moment > now || moment < epoch || directory.Office is not { } office) continue;
            var key = new OccurrenceKey(SummaryObligation, j.Id, WeekLabel(day));
            foreach (var person in directory.PeopleOf(office.Id, Domain.Directory.Role.Liaison))
            {
                var row = new LedgerRow(key, Summary, 1, person.Email, LedgerStatus.Pending, 0, null, null, null,
                    now - moment > options.Grace, moment, now, null);
                if (existing.Add(row.Identity)) yield return row;
            }
        }
    }

    private static Instant SummaryMoment(Domain.Directory.Jurisdiction j, LocalDate day) =>
        day.At(j.SendTime).InZoneLeniently(j.TimeZone).ToInstant();

    private static string WeekLabel(LocalDate day) =>
        $"{NodaTime.Calendars.WeekYearRules.Iso.GetWeekYear(day)}-W{NodaTime.Calendars.WeekYearRules.Iso.GetWeekOfWeekYear(day):00}";

    // Stage: group. Everything new for one recipient in this cycle becomes one message (a digest); summaries and
    // failure notices stay messages of their own. The id follows from the rows and the moment alone.
    private static List<LedgerRow> Group(List<LedgerRow> rows, Instant now)
    {
        var result = rows.Where(r => r.Status != LedgerStatus.Pending).ToList();
        foreach (var group in rows.Where(r => r.Status == LedgerStatus.Pending)
                     .GroupBy(r => (r.Recipient.ToLowerInvariant(), r.Kind is Summary or Flag ? r.Kind + r.Key : "")))
        {
            var id = MessageId(group.Select(r => r.Identity.ToString()), now);
            result.AddRange(group.Select(r => r with { MessageId = id }));
        }
        return result;
    }

    public static string MessageId(IEnumerable<string> identities, Instant composedAt)
    {
        var text = string.Join("\n", identities.Order(StringComparer.Ordinal)) + "\n" + composedAt.ToUnixTimeTicks();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32].ToLowerInvariant() + "@scilit.local";
    }

    // Stages: render, send, set-notifies, retry. Rows were recorded as pending before any byte left.
    private async Task<(List<DeliveredMessage> Sent, List<(OutgoingMessage, string)> Failed, List<LedgerRow> Flags)> SendDueAsync(
        RuleSet set, Planner planner, Instant now, CancellationToken cancellationToken)
    {
        var sent = new List<DeliveredMessage>();
        var failed = new List<(OutgoingMessage, string)>();
        var flags = new List<LedgerRow>();
        var submissions = OccurrenceStates.SubmittedBy(store.Submissions(), now);
        var extensions = OccurrenceStates.GrantedBy(store.Extensions(), now);
        var composer = new MessageComposer(set, planner, renderer, options, submissions, extensions, store.Ledger);
        var outbox = store.Waiting()
            .Where(r => r.MessageId is not null && (r.NextAttemptAt is null || r.NextAttemptAt <= now))
            .GroupBy(r => r.MessageId!)
            .OrderBy(g => g.Min(r => r.ComposedAt)).ThenBy(g => g.First().Recipient, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in outbox)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = group.ToList();
            if (composer.Compose(group.Key, rows) is not { } message)
            {
                store.Update(rows.Select(r => r with { Status = LedgerStatus.Cancelled, NextAttemptAt = null, LastError = "no longer in the rules" }).ToList());
                continue;
            }
            try
            {
                await transport.SendAsync(message, cancellationToken);
                var done = rows.Select(r => r with { Status = LedgerStatus.Sent, Attempts = r.Attempts + 1, NextAttemptAt = null, LastError = null, SentAt = now }).ToList();
                store.Update(done);
                sent.Add(new DeliveredMessage(message, done));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var attempts = rows.Max(r => r.Attempts) + 1;
                var flagNow = attempts >= options.MaxAttempts && rows.Any(r => r.Status != LedgerStatus.FailedFlagged);
                var retry = now + Backoff(attempts);
                store.Update(rows.Select(r => r with
                {
                    Status = attempts >= options.MaxAttempts ? LedgerStatus.FailedFlagged : LedgerStatus.Pending,
                    Attempts = attempts, NextAttemptAt = retry, LastError = e.GetBaseException().Message,
                }).ToList());
                failed.Add((message, e.GetBaseException().Message));
                // A failure notice about a failure notice would only repeat itself: those are retried, not reported.
                if (flagNow && rows.All(r => r.Kind != Flag)) flags.AddRange(FailureNotice(set, rows, message, now));
            }
        }
        return (sent, failed, flags);
    }

    private Duration Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var backoff = Duration.FromTicks((long)Math.Min(options.RetryBase.TotalTicks * factor, options.RetryMax.TotalTicks));
        return backoff;
    }

    private static IEnumerable<LedgerRow> FailureNotice(RuleSet set, IReadOnlyList<LedgerRow> rows, OutgoingMessage failedMessage, Instant now)
    {
        var directory = MessageComposer.DirectoryOf(set, rows[0]);
        if (directory?.Office is not { } office) yield break;
        var key = new OccurrenceKey(FailureObligation, directory.Jurisdiction.Id, failedMessage.MessageId);
        foreach (var person in directory.PeopleOf(office.Id, Domain.Directory.Role.Liaison))
        {
            var row = new LedgerRow(key, Flag, 1, person.Email, LedgerStatus.Pending, 0, null, null, null, false, now, now, null);
            yield return row with { MessageId = MessageId([row.Identity.ToString()], now) };
        }
    }
}
