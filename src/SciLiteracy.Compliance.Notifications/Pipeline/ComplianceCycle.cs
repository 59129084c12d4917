using SciLiteracy.Compliance.Domain.Calendars;
using System.Security.Cryptography;
using System.Text;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Organization;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>A message the cycle handed to the transport, with the ledger rows it carries.</summary>
public sealed record DeliveredMessage(MessageEnvelope Message, IReadOnlyList<LedgerRow> Rows)
{
    /// <summary>An earlier attempt lost its reply after the data was sent: the recipient may have this message twice.</summary>
    public bool PossibleDuplicate => Rows.Any(r => r.LastError?.StartsWith(ComplianceCycle.PossibleDuplicate, StringComparison.Ordinal) == true);
}

/// <summary>What one cycle did, in detail: `simulate` prints it, `run` logs it.</summary>
public sealed record CycleOutcome(Instant At, CycleReport Report, IReadOnlyList<DeliveredMessage> Sent,
    IReadOnlyList<(MessageEnvelope Message, string Error)> Failed, int Cancelled);

/// <summary>
/// The notification pipeline as explicit stages, in the spirit of Alertmanager's notify pipeline:
/// plan → inhibit (submissions cancel waiting rows) → fold/catch-up → dedupe against the ledger → group per
/// recipient → record as pending (one transaction) → render and send → mark sent, or retry with backoff and flag.
/// Everything it decides follows from the rules, the state file and <c>now</c>, so a virtual clock replays it exactly.
/// </summary>
public sealed class ComplianceCycle(IRuleSource rules, IStateStore store, IMailTransport transport, MessageRenderer renderer, PipelineOptions options)
    : IComplianceCycle
{
    public const string Remind = "remind", Urge = "urge", Escalate = "escalate", Summary = "summary", Flag = "flag", AtRisk = "at-risk";
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

    // Dedupe without reading the ledger each cycle: the identity of every row, read from the file once and kept in step with
    // what this cycle records (only the cycle writes ledger rows; the file's primary key still refuses a duplicate).
    private HashSet<(OccurrenceKey, string, int, string)>? recordedIdentities;

    private async Task<CycleOutcome> RunExclusiveAsync(Instant now, CancellationToken cancellationToken)
    {
        var set = rules.Current;
        var epoch = store.Epoch(now);
        var submissions = OccurrenceStates.SubmittedBy(store.Submissions(), now);
        var extensions = OccurrenceStates.GrantedBy(store.Extensions(), now);
        var progress = store.Progress();
        var planner = PlannerAt(set, submissions, extensions, progress, now);
        // Steps sent up to the previous cycle were planned then; only occurrences with a step since can bring anything new.
        var newSince = store.PlannedUntil() is { } plannedUntil ? plannedUntil + Duration.Epsilon : epoch;
        var tracked = TrackedSince(planner, newSince, now, submissions, extensions);

        var waiting = store.Waiting();
        var dedupe = new Dedupe(recordedIdentities ??= store.Identities());
        var cancelled = Inhibit(waiting, submissions);
        var (newRows, obsolete) = FoldAndDedupe(planner, tracked, waiting, dedupe, now, epoch);
        var atRisk = TargetRisk.Assess(planner, progress, now).Where(a => !submissions.ContainsKey(a.Occurrence.Key)).ToList();
        newRows.AddRange(AtRiskRows(atRisk, dedupe, now, epoch));
        cancelled.AddRange(BackOnPace(waiting, atRisk, submissions));
        newRows.AddRange(SummaryRows(set, dedupe, now, epoch));
        var recorded = store.Record(Group(newRows, now, MessageDomain));
        dedupe.Recorded();
        store.Update([.. cancelled, .. obsolete]);
        store.SetPlannedUntil(now);

        var (sent, failed, flags) = await SendDueAsync(set, planner, progress, now, cancellationToken);
        // Failure notices go out in the same cycle; a pass that sends them may flag another message (one the first pass
        // did not reach because the server was down), whose notice is recorded in turn. Each message is flagged once.
        while (flags.Count > 0)
        {
            store.Record(flags);
            recordedIdentities.UnionWith(flags.Select(f => f.Identity));
            (var flagSent, var flagFailed, flags) = await SendDueAsync(set, planner, progress, now, cancellationToken);
            sent.AddRange(flagSent);
            failed.AddRange(flagFailed);
        }
        var folded = recorded.Count(r => r.Status == LedgerStatus.Folded) + obsolete.Count;
        return new CycleOutcome(now,
            new CycleReport(recorded.Count(r => r.Status == LedgerStatus.Pending), sent.Count, failed.Count, folded),
            sent, failed, cancelled.Count);
    }

    /// <summary>
    /// Stage plan: the occurrences that can have a step sent in [<paramref name="from"/>, <paramref name="now"/>] (those whose
    /// due date is within the ladders' reach of that span, and which have such a step), and every extended one.
    /// </summary>
    private static List<TrackedOccurrence> TrackedSince(Planner planner, Instant from, Instant now,
        IReadOnlyDictionary<OccurrenceKey, Submission> submissions, IReadOnlyDictionary<OccurrenceKey, Extension> extensions)
    {
        var today = now.InUtc().Date;
        var (before, after) = planner.Reach;
        // `from` is never before the epoch (it is the epoch on a new state file), and nothing before the epoch is sent.
        var earliest = LocalDate.Max(Instant.Min(from, now).InUtc().Date.PlusDays(-after - 1), today.PlusDays(-Planner.MaxReachDays));
        var latest = LocalDate.Min(today.PlusDays(before + 1), today.PlusDays(Planner.MaxReachDays));
        return OccurrenceStates.Within(planner, earliest, latest, submissions, extensions)
            .Where(t => t.IsOpen && (t.Extension is not null || planner.HasStepBetween(t.Occurrence, from - Duration.Epsilon, now)))
            .ToList();
    }

    /// <summary>Stage dedupe: a row is new when the ledger has none of its identity and this cycle has not planned one yet.</summary>
    private sealed class Dedupe(HashSet<(OccurrenceKey, string, int, string)> recorded)
    {
        private readonly HashSet<(OccurrenceKey, string, int, string)> planned = [];

        public bool IsNew(LedgerRow row) => !recorded.Contains(row.Identity) && planned.Add(row.Identity);

        // Once the rows are in the file they are part of the ledger; until then a failed write leaves them new.
        public void Recorded() => recorded.UnionWith(planned);
    }

    // Conditions see the submissions, extensions and progress recorded by now: a replay on a virtual clock judges alike.
    private static Planner PlannerAt(RuleSet set, IReadOnlyDictionary<OccurrenceKey, Submission> submissions,
        IReadOnlyDictionary<OccurrenceKey, Extension> extensions, IReadOnlyList<ProgressRecord> progress, Instant now) =>
        OccurrenceStates.PlannerOver(set, new OccurrenceStatusView(submissions, extensions), new KnownProgress(progress, now));

    /// <summary>When the outbox next has a retry due, for the worker to schedule a wake-up; null when nothing waits.</summary>
    public Instant? NextRetryAt() => store.Waiting()
        .Where(r => r.Status == LedgerStatus.Pending && r.NextAttemptAt is not null)
        .Select(r => r.NextAttemptAt).Min();

    /// <summary>
    /// Every moment in [from, to] at which a cycle has something to do: each distinct send moment of a planned
    /// notification of an open occurrence, and each weekly-summary moment. `simulate` steps through these.
    /// </summary>
    public IReadOnlyList<Instant> TriggerMoments(Instant from, Instant to)
    {
        var set = rules.Current;
        var moments = new SortedSet<Instant>();
        var submissions = OccurrenceStates.SubmittedBy(store.Submissions(), from);
        var progress = store.Progress();
        var planner = PlannerAt(set, submissions, store.Extensions(), progress, to);
        // An extension granted inside the window switches ladders then: moments of both ladders count.
        var noExtensions = new Dictionary<OccurrenceKey, Extension>();
        var tracked = new[] { from, to }.SelectMany(at => new[] { noExtensions, store.Extensions() }
            .SelectMany(extensions => OccurrenceStates.Around(planner, at, submissions, extensions)));
        foreach (var t in tracked)
            if (t.IsOpen)
                foreach (var n in planner.Notifications(t.Occurrence))
                    if (n.Recipients.Length > 0 && n.SendAt.ToInstant() >= from && n.SendAt.ToInstant() <= to) moments.Add(n.SendAt.ToInstant());
        // Each measurement may start an at-risk ladder when it is recorded: the moments of every such ladder count.
        foreach (var known in progress.Select(r => r.RecordedAt).Where(m => m <= to).Append(to).Distinct())
            foreach (var risk in TargetRisk.Assess(planner, progress, known))
                foreach (var n in risk.Notifications)
                    if (n.Recipients.Length > 0 && n.SendAt.ToInstant() >= from && n.SendAt.ToInstant() <= to) moments.Add(n.SendAt.ToInstant());
        foreach (var directory in set.Directories.Values)
        {
            var zone = directory.Jurisdiction.TimeZone;
            // From a week early: a summary day off before the window can move into it.
            for (var day = from.InZone(zone).Date.PlusDays(-7); day <= to.InZone(zone).Date; day = day.PlusDays(1))
                if (day.DayOfWeek == options.SummaryDay && SummaryMoment(set, directory.Jurisdiction, day) is var m && m >= from && m <= to)
                    moments.Add(m);
        }
        return moments.ToList();
    }

    // Stage: inhibit. A submission stops everything still waiting for its occurrence, including the outbox.
    private static List<LedgerRow> Inhibit(IReadOnlyList<LedgerRow> waiting, IReadOnlyDictionary<OccurrenceKey, Submission> submissions) =>
        waiting.Where(r => submissions.ContainsKey(r.Key))
            .Select(r => r with { Status = LedgerStatus.Cancelled, NextAttemptAt = null, LastError = "submitted before sending" })
            .ToList();

    // Stages: plan, fold/catch-up and dedupe. Per open occurrence only the latest due step is sent; earlier steps
    // nobody was told about are recorded as folded, and earlier steps still waiting in the outbox are folded too.
    private (List<LedgerRow> New, List<LedgerRow> Obsolete) FoldAndDedupe(
        Planner planner, IReadOnlyList<TrackedOccurrence> tracked, IReadOnlyList<LedgerRow> outbox, Dedupe dedupe, Instant now, Instant epoch)
    {
        var waiting = outbox.ToLookup(r => r.Key);
        var result = new List<LedgerRow>();
        var obsolete = new List<LedgerRow>();
        foreach (var t in tracked)
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
                    if (dedupe.IsNew(row)) result.Add(row);
                }
            }
            var latestRank = latest.Rank;
            obsolete.AddRange(waiting[t.Occurrence.Key]
                .Where(r => r.Kind is Remind or Urge or Escalate && RankOf(r) < latestRank)
                .Select(r => r with { Status = LedgerStatus.Folded, NextAttemptAt = null, LastError = "folded into a later step" }));
        }
        return (result, obsolete);
    }

    // Stage: at-risk. Every step of a target's at-risk ladder that is due goes once (its own kind in the ledger);
    // each step has its own recipients, so an earlier one is never folded into a later one.
    private IEnumerable<LedgerRow> AtRiskRows(IReadOnlyList<TargetAtRisk> atRisk, Dedupe dedupe, Instant now, Instant epoch)
    {
        foreach (var n in atRisk.SelectMany(a => a.Notifications))
        {
            var at = n.SendAt.ToInstant();
            if (at > now || at < epoch) continue;
            foreach (var r in n.Recipients)
            {
                var row = new LedgerRow(n.Occurrence.Key, AtRisk, n.Step, r.Email, LedgerStatus.Pending, 0, null, null, null,
                    now - at > options.Grace, at, now, null);
                if (dedupe.IsNew(row)) yield return row;
            }
        }
    }

    // Progress recorded back on pace (or the target date passing) stops the at-risk steps still waiting, as a submission stops a ladder.
    private static IEnumerable<LedgerRow> BackOnPace(IReadOnlyList<LedgerRow> waiting, IReadOnlyList<TargetAtRisk> atRisk,
        IReadOnlyDictionary<OccurrenceKey, Submission> submissions)
    {
        var stillAtRisk = atRisk.Select(a => a.Occurrence.Key).ToHashSet();
        return waiting.Where(r => r.Kind == AtRisk && !stillAtRisk.Contains(r.Key) && !submissions.ContainsKey(r.Key))
            .Select(r => r with { Status = LedgerStatus.Cancelled, NextAttemptAt = null, LastError = "no longer at risk before sending (progress back on pace, or the target date passed)" });
    }

    private static int RankOf(LedgerRow r) => r.Kind == Remind ? r.Step : 1000 + r.Step;

    // The weekly summary to the office: one per jurisdiction and ISO week, once its moment has come.
    private IEnumerable<LedgerRow> SummaryRows(RuleSet set, Dedupe dedupe, Instant now, Instant epoch)
    {
        foreach (var directory in set.Directories.Values.OrderBy(d => d.Jurisdiction.Id, StringComparer.Ordinal))
        {
            var j = directory.Jurisdiction;
            var today = now.InZone(j.TimeZone).Date;
            var day = today.With(DateAdjusters.PreviousOrSame(options.SummaryDay));
            var moment = SummaryMoment(set, j, day);
            if (moment > now || moment < epoch || directory.Office is not { } office) continue;
            var key = new OccurrenceKey(SummaryObligation, j.Id, WeekLabel(day));
            foreach (var person in directory.PeopleOf(office.Id, Role.Liaison))
            {
                var row = new LedgerRow(key, Summary, 1, person.Email, LedgerStatus.Pending, 0, null, null, null,
                    now - moment > options.Grace, moment, now, null);
                if (dedupe.IsNew(row)) yield return row;
            }
        }
    }

    // The summary day's send window, or the next working day's when the summary day is a day off, as for every message.
    private static Instant SummaryMoment(RuleSet set, Jurisdiction j, LocalDate day) =>
        set.CalendarOf(j).NextWorkingDayOnOrAfter(day).At(j.SendTime).InZoneLeniently(j.TimeZone).ToInstant();

    private static string WeekLabel(LocalDate day) =>
        $"{NodaTime.Calendars.WeekYearRules.Iso.GetWeekYear(day)}-W{NodaTime.Calendars.WeekYearRules.Iso.GetWeekOfWeekYear(day):00}";

    // Stage: group. Everything new for one recipient in this cycle becomes one message (a digest); summaries and
    // failure notices stay messages of their own. The id follows from the rows and the moment alone.
    private static List<LedgerRow> Group(List<LedgerRow> rows, Instant now, string domain)
    {
        var result = rows.Where(r => r.Status != LedgerStatus.Pending).ToList();
        foreach (var group in rows.Where(r => r.Status == LedgerStatus.Pending)
                     .GroupBy(r => (r.Recipient.ToLowerInvariant(), r.Kind is Summary or Flag ? r.Kind + r.Key : r.Kind == AtRisk ? AtRisk : "")))
        {
            var id = MessageId(group.Select(r => r.Identity.ToString()), now, domain);
            result.AddRange(group.Select(r => r with { MessageId = id }));
        }
        return result;
    }

    public static string MessageId(IEnumerable<string> identities, Instant composedAt, string domain)
    {
        var text = string.Join("\n", identities.Order(StringComparer.Ordinal)) + "\n" + composedAt.ToUnixTimeTicks();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32].ToLowerInvariant() + "@" + domain;
    }

    // ---- Stages send and retry (issue 18, mail delivery outcomes): everything from here to "end of send and retry" is
    // the mail side's; the stage split of issue 12 moves it as a whole. Rows were recorded as pending before any byte left.
    private async Task<(List<DeliveredMessage> Sent, List<(MessageEnvelope, string)> Failed, List<LedgerRow> Flags)> SendDueAsync(
        RuleSet set, Planner planner, IReadOnlyList<ProgressRecord> progress, Instant now, CancellationToken cancellationToken)
    {
        var sent = new List<DeliveredMessage>();
        var failed = new List<(MessageEnvelope, string)>();
        var flags = new List<LedgerRow>();
        var submissions = OccurrenceStates.SubmittedBy(store.Submissions(), now);
        var extensions = OccurrenceStates.GrantedBy(store.Extensions(), now);
        var composer = new MessageComposer(set, planner, renderer, options, submissions, extensions, store.Message, progress);
        // A flagged row waits for the office (`scilit retry`), never for a timer.
        var outbox = store.Waiting()
            .Where(r => r.Status == LedgerStatus.Pending && r.MessageId is not null && (r.NextAttemptAt is null || r.NextAttemptAt <= now))
            .GroupBy(r => r.MessageId!)
            .OrderBy(g => g.Min(r => r.ComposedAt)).ThenBy(g => g.First().Recipient, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal);
        // At most one message in flight per connection: a kill leaves at most that many sent but not marked sent.
        var inFlight = new List<Task<Sending>>();
        var serverDown = false;
        async Task SettleOneAsync()
        {
            var done = await Task.WhenAny(inFlight);
            inFlight.Remove(done);
            serverDown |= Settle(await done, set, now, sent, failed, flags);
        }
        foreach (var (rows, composed) in ComposedAhead(composer, outbox, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (composed is not { } message)
            {
                store.Update(rows.Select(r => r with { Status = LedgerStatus.Cancelled, NextAttemptAt = null, LastError = "no longer in the rules" }).ToList());
                continue;
            }
            while (inFlight.Count >= Math.Max(1, transport.Connections) && !serverDown) await SettleOneAsync();
            // A server that is down or hangs would fail every other message too, each after its timeout: the rest of
            // the outbox waits, untouched, for the next evaluation, which tries the first message then due.
            if (serverDown) break;
            inFlight.Add(SendOneAsync(rows, message, cancellationToken));
        }
        while (inFlight.Count > 0) await SettleOneAsync();
        return (sent, failed, flags);
    }

    private sealed record Sending(List<LedgerRow> Rows, OutgoingMessage Message, DeliveryResult Result);

    private async Task<Sending> SendOneAsync(List<LedgerRow> rows, OutgoingMessage message, CancellationToken cancellationToken)
    {
        try { return new(rows, message, await transport.SendAsync(message, cancellationToken)); }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new(rows, message, DeliveryResult.Unavailable(e.GetBaseException().Message));
        }
    }

    /// <summary>Marks a message's rows by how its send ended; true when the server is unavailable and sending should stop.</summary>
    private bool Settle(Sending s, RuleSet set, Instant now, List<DeliveredMessage> sent, List<(MessageEnvelope, string)> failed, List<LedgerRow> flags)
    {
        var (rows, message, result) = s;
        var attempts = rows.Max(r => r.Attempts) + 1;
        // Once a reply was lost after the data, a copy may be at the server: that stays on the rows, sent or not.
        var mayHaveArrived = rows.Any(r => r.LastError?.StartsWith(PossibleDuplicate, StringComparison.Ordinal) == true);
        if (result.Status == DeliveryStatus.Delivered)
        {
            var done = rows.Select(r => r with
            {
                Status = LedgerStatus.Sent, Attempts = attempts, NextAttemptAt = null, SentAt = now,
                LastError = mayHaveArrived ? PossibleDuplicate + "delivered; an earlier attempt whose reply was lost may have been delivered too" : null,
            }).ToList();
            store.Update(done);
            sent.Add(new DeliveredMessage(message.Envelope, done));
            return false;
        }
        // Refused (5xx) is final at once; a lost reply is retried once, never twice; the rest up to MaxAttempts.
        var giveUp = result.Status == DeliveryStatus.Refused
            || (result.Status == DeliveryStatus.Uncertain && mayHaveArrived)
            || attempts >= options.MaxAttempts;
        var error = (mayHaveArrived || result.Status == DeliveryStatus.Uncertain ? PossibleDuplicate : "") +
            (result.Status == DeliveryStatus.Refused ? "refused by the server: " : "") + result.Reply;
        store.Update(rows.Select(r => r with
        {
            Status = giveUp ? LedgerStatus.FailedFlagged : LedgerStatus.Pending,
            Attempts = attempts, NextAttemptAt = giveUp ? null : now + Backoff(attempts), LastError = error,
        }).ToList());
        failed.Add((message.Envelope, error));
        // A failure notice about a failure notice would only repeat itself: those are given up without one.
        if (giveUp && rows.All(r => r.Kind != Flag)) flags.AddRange(FailureNotice(set, rows, message, now, MessageDomain));
        return result.Status == DeliveryStatus.Unavailable;
    }

    /// <summary>
    /// Starts the error of rows whose connection was lost after the data was sent: the server may have the message. A sent row
    /// that carries it is a possible duplicate (count them in the ledger with <c>last_error LIKE 'possible duplicate:%'</c>).
    /// </summary>
    public const string PossibleDuplicate = "possible duplicate: ";

    // Message-IDs are in the configured sender's domain, as mail systems expect of the sender.
    private string MessageDomain => MailAddresses.DomainOf(options.From);
    // ---- end of send and retry (issue 18)

    // Rendering is pure and most of a busy cycle's time (a weekly summary is a table of every unit × obligation):
    // a window of messages is composed on every core, then sent one by one in order, as before.
    private static IEnumerable<(List<LedgerRow> Rows, OutgoingMessage? Message)> ComposedAhead(
        MessageComposer composer, IEnumerable<IGrouping<string, LedgerRow>> outbox, CancellationToken cancellationToken)
    {
        const int window = 64;
        foreach (var chunk in outbox.Select(g => (Id: g.Key, Rows: g.ToList())).Chunk(window))
        {
            var messages = new OutgoingMessage?[chunk.Length];
            try
            {
                Parallel.For(0, chunk.Length, new ParallelOptions { CancellationToken = cancellationToken },
                    i => messages[i] = composer.Compose(chunk[i].Id, chunk[i].Rows));
            }
            catch (AggregateException e) // a template that fails is reported as itself, as when composing one by one
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            for (var i = 0; i < chunk.Length; i++) yield return (chunk[i].Rows, messages[i]);
        }
    }

    private Duration Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var backoff = Duration.FromTicks((long)Math.Min(options.RetryBase.TotalTicks * factor, options.RetryMax.TotalTicks));
        return backoff;
    }

    private static IEnumerable<LedgerRow> FailureNotice(RuleSet set, IReadOnlyList<LedgerRow> rows, OutgoingMessage failedMessage, Instant now, string domain)
    {
        var directory = MessageComposer.DirectoryOf(set, rows[0]);
        if (directory?.Office is not { } office) yield break;
        var key = new OccurrenceKey(FailureObligation, directory.Jurisdiction.Id, failedMessage.MessageId);
        foreach (var person in directory.PeopleOf(office.Id, Role.Liaison))
        {
            var row = new LedgerRow(key, Flag, 1, person.Email, LedgerStatus.Pending, 0, null, null, null, false, now, now, null);
            yield return row with { MessageId = MessageId([row.Identity.ToString()], now, domain) };
        }
    }
}
