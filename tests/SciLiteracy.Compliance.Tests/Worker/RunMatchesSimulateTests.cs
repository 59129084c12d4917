using System.Globalization;
using System.Text.Json;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace SciLiteracy.Compliance.Tests.Worker;

/// <summary>
/// Acceptance of the service (issue 3): the worker as `run` builds it, its Quartz triggers fired by the scheduler on a
/// clock the test moves, sends what `plan` shows at the planned moments, and exactly what `simulate` writes.
/// </summary>
public sealed class RunMatchesSimulateTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private const string YearlyReport = "xunwu.yearly-report";

    // Not a multiple of a day: the safety evaluations land at ever other hours, on day 64 at 09:00 together with the
    // send window, and must change nothing that is sent. Longer than the default 15 minutes only to keep the test short.
    private const string SafetyInterval = "4.07:00:00";

    /// <summary>The Xunwu pack with its templates and the mainland working-day calendar, as a deployment has it.</summary>
    private static string XunwuRules(TempDir temp)
    {
        var rules = TestRules.CopyXunwu(temp);
        temp.CopyFromRepo(Path.Combine("rules", "calendars"), Path.Combine("rules", "calendars"));
        return rules;
    }

    /// <summary>
    /// The Xunwu pack with the yearly report as its only obligation (obligations.yaml; the other obligations files are
    /// left out): the same jurisdiction, people, ladder and calendar, without the hundreds of other messages whose
    /// delivery would only make the test slow.
    /// </summary>
    private static string XunwuYearlyReportOnly(TempDir temp)
    {
        var rules = XunwuRules(temp);
        foreach (var other in Directory.GetFiles(Path.Combine(rules, "xunwu"), "obligations-*.yaml")) File.Delete(other);
        if (Directory.Exists(Path.Combine(rules, "xunwu", "tests"))) Directory.Delete(Path.Combine(rules, "xunwu", "tests"), recursive: true);
        return rules;
    }

    private static Dictionary<string, string?> WorkerSettings(TempDir temp, string rules, Dictionary<string, string?> mail) => new(mail)
    {
        ["Compliance:RulesDirectory"] = rules,
        ["Compliance:StateFile"] = temp["state/compliance.db"],
        ["Compliance:SafetyInterval"] = SafetyInterval,
        ["Compliance:RulesPollInterval"] = "00:01:00",
        // The file log keeps everything; the console only what an operator must see.
        ["Serilog:WriteTo:0:Args:restrictedToMinimumLevel"] = "Warning",
        ["Serilog:WriteTo:1:Args:path"] = temp["logs/scilit-.log"],
    };

    private static DateTimeOffset LocalMidnight(int year, int month, int day) => new(year, month, day, 0, 0, 0, Shanghai);

    /// <summary>One planned or delivered notification: what `plan` lists per recipient, and when.</summary>
    private sealed record Item(string Unit, string Period, string Kind, int Step, string Recipient, DateTimeOffset At)
    {
        public override string ToString() => $"{Kind}#{Step} {Unit}/{Period} → {Recipient} at {At:yyyy-MM-dd HH:mm zzz}";
    }

    /// <summary>The yearly report's notifications `plan --format json` lists with a send time inside the window, one item per recipient.</summary>
    private static List<Item> PlannedYearlyReport(TempDir temp, string rules, string from, string to, DateTimeOffset start, DateTimeOffset end)
    {
        var plan = Support.ScilitProcess.Run(temp.Path, "plan", "--rules", rules, "--from", from, "--to", to, "--format", "json");
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        return JsonDocument.Parse(plan.Stdout).RootElement.EnumerateArray()
            .Where(o => o.GetProperty("obligation").GetString() == YearlyReport)
            .SelectMany(o => o.GetProperty("notifications").EnumerateArray().SelectMany(n => n.GetProperty("recipients").EnumerateArray().Select(r =>
                new Item(o.GetProperty("unit").GetString()!, o.GetProperty("period").GetString()!, n.GetProperty("kind").GetString()!,
                    n.GetProperty("step").GetInt32(), r.GetString()!.ToLowerInvariant(),
                    DateTimeOffset.Parse(n.GetProperty("sendAt").GetString()!, CultureInfo.InvariantCulture)))))
            .Where(i => i.At >= start && i.At <= end)
            .ToList();
    }

    [Fact]
    public async Task Reminders_urgings_and_escalations_of_the_Xunwu_yearly_report_reach_the_SMTP_server_at_the_planned_times_as_many_as_plan_predicts()
    {
        using var temp = TempDir.InMemory();
        using var server = new SmtpServerFixture();
        var rules = XunwuYearlyReportOnly(temp);
        var (start, end) = (LocalMidnight(2025, 11, 1), LocalMidnight(2026, 1, 16).AddTicks(-1));
        var planned = PlannedYearlyReport(temp, rules, "2025-11-01", "2026-01-15", start, end);
        Assert.NotEmpty(planned);

        // Each message is stamped with the clock's reading when it was found at the server: the moment it arrived.
        var arrivals = new Dictionary<string, (DateTimeOffset At, Dictionary<string, string> Headers)>();
        void CollectArrivals(DateTimeOffset now)
        {
            foreach (var file in server.MessageFiles().Where(f => !arrivals.ContainsKey(f)))
                arrivals[file] = (now, Headers(file));
        }
        var mail = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = server.Port.ToString(CultureInfo.InvariantCulture), ["Smtp:StartTls"] = "false",
            ["Compliance:Outbox"] = temp["outbox"],
        };
        await using (var worker = await DrivenWorker.StartAsync(WorkerSettings(temp, rules, mail), start))
        {
            CollectArrivals(start);
            await worker.RunUntilAsync(end, CollectArrivals);
        }

        // Which notifications a message carries is in the ledger, under the Message-ID the pipeline gave it.
        var ledger = TestState.Open(temp["state/compliance.db"]).Ledger()
            .Where(r => r.MessageId is not null && r.Status == LedgerStatus.Sent).ToLookup(r => r.MessageId!);
        var received = new List<Item>();
        var yearlyMessages = 0;
        foreach (var (file, (at, headers)) in arrivals)
        {
            var rows = ledger[headers["message-id"].Trim('<', '>')].Where(r => r.Key.ObligationId == YearlyReport).ToList();
            if (rows.Count == 0) continue;
            yearlyMessages++;
            Assert.All(rows, r => Assert.Contains(r.Recipient, headers["to"], StringComparison.OrdinalIgnoreCase));
            received.AddRange(rows.Select(r => new Item(r.Key.UnitId, r.Key.Period, r.Kind, r.Step, r.Recipient.ToLowerInvariant(), at)));
        }
        output.WriteLine($"{arrivals.Count} message(s) arrived, {yearlyMessages} with {received.Count} yearly-report item(s); plan lists {planned.Count}");

        var duplicates = received.GroupBy(i => i with { At = default }).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "sent more than once:\n" + string.Join('\n', duplicates));
        var missing = planned.Except(received).ToList();
        var unplanned = received.Except(planned).ToList();
        Assert.True(missing.Count == 0 && unplanned.Count == 0,
            $"planned but not received at that moment:\n{string.Join('\n', missing)}\nreceived but not planned:\n{string.Join('\n', unplanned)}");
        Assert.Equal(planned.Count, received.Count);
        Assert.All(received, i => Assert.Equal(new TimeSpan(9, 0, 0), i.At.ToOffset(Shanghai).TimeOfDay));
        // One email per recipient and moment: plan's items grouped that way are the emails that carry them.
        Assert.Equal(planned.Select(i => (i.Recipient, i.At)).Distinct().Count(), yearlyMessages);
    }

    /// <summary>The header block of a raw message, unfolded, by lower-case name.</summary>
    private static Dictionary<string, string> Headers(string file)
    {
        var headers = new Dictionary<string, string>();
        string? name = null;
        foreach (var line in File.ReadLines(file))
        {
            if (line.Length == 0) break;
            if (line[0] is ' ' or '\t' && name is not null) headers[name] += " " + line.Trim();
            else if (line.IndexOf(':') is > 0 and var colon)
            {
                name = line[..colon].Trim().ToLowerInvariant();
                headers[name] = line[(colon + 1)..].Trim();
            }
        }
        return headers;
    }

    [Fact]
    public async Task Run_driven_by_its_own_triggers_writes_exactly_the_eml_files_simulate_writes_over_the_same_window()
    {
        using var temp = TempDir.InMemory();
        var rules = XunwuRules(temp);
        var runOutbox = temp["run-outbox"];
        var simulateOutbox = temp["simulate-outbox"];
        // The real CLI in its own process, meanwhile: it shares nothing with the worker but the rules.
        var simulating = Task.Run(() => Support.ScilitProcess.Run(temp.Path,
            "simulate", "--rules", rules, "--from", "2024-11-01", "--to", "2026-01-31", "--outbox", simulateOutbox));

        // simulate's window runs from the start of 2024-11-01 to the end of 2026-01-31 in Xunwu's time; the worker
        // starts at that first instant (its first evaluation is the state file's epoch, as simulate's is).
        await using (var worker = await DrivenWorker.StartAsync(
                         WorkerSettings(temp, rules, new() { ["Smtp:Host"] = "", ["Compliance:Outbox"] = runOutbox }), LocalMidnight(2024, 11, 1)))
        {
            await worker.RunUntilAsync(LocalMidnight(2026, 2, 1).AddTicks(-1));
            output.WriteLine($"{worker.Firings.Count} evaluations: " + string.Join(", ",
                worker.Firings.GroupBy(f => f.Trigger).Select(g => $"{g.Count()} by {g.Key}")));
            Assert.Contains(worker.Firings, f => f.Trigger == "safety" && worker.Firings.Count(g => g.At == f.At) == 2);
        }
        var simulate = await simulating;
        Assert.True(simulate.ExitCode == 0, simulate.Stderr);

        var ran = FilesIn(runOutbox);
        var simulated = FilesIn(simulateOutbox);
        output.WriteLine($"run wrote {ran.Count} file(s), simulate {simulated.Count}");
        Assert.NotEmpty(simulated);
        Assert.Equal(simulated, ran);
        var differing = ran.Where(f => !File.ReadAllBytes(Path.Combine(runOutbox, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(simulateOutbox, f)))).ToList();
        Assert.True(differing.Count == 0, differing.Count == 0 ? "" : $"{differing.Count} file(s) differ, e.g. {differing[0]}: " +
            FirstDifferentLine(Path.Combine(runOutbox, differing[0]), Path.Combine(simulateOutbox, differing[0])));
    }

    [Fact]
    public async Task The_file_log_names_obligation_unit_period_step_and_recipient_of_every_notification_the_worker_sends()
    {
        using var temp = TempDir.InMemory();
        var rules = XunwuYearlyReportOnly(temp);
        // The last reminder (18 December) and the urging on the due date (19 December) of the 2025 report.
        await using (var worker = await DrivenWorker.StartAsync(
                         WorkerSettings(temp, rules, new() { ["Smtp:Host"] = "", ["Compliance:Outbox"] = temp["outbox"] }), LocalMidnight(2025, 12, 18)))
            await worker.RunUntilAsync(LocalMidnight(2025, 12, 20).AddTicks(-1));

        var sent = TestState.Open(temp["state/compliance.db"]).Ledger()
            .Where(r => r.Status == LedgerStatus.Sent && r.Key.ObligationId == YearlyReport).ToList();
        Assert.Contains(sent, r => r.Kind == "remind");
        Assert.Contains(sent, r => r.Kind == "urge");
        var logged = LoggedProperties(temp["logs"])
            .Where(p => p.ContainsKey("obligation"))
            .Select(p => (p["obligation"].GetString(), p["unit"].GetString(), p["period"].GetString(), p["step"].GetInt32(), p["recipient"].GetString()))
            .ToList();
        var expected = sent.Select(r => ((string?)r.Key.ObligationId, (string?)r.Key.UnitId, (string?)r.Key.Period, r.Step, (string?)r.Recipient)).ToList();
        Assert.Equal(expected.Order(), logged.Order());
    }

    /// <summary>The structured properties of every event in the file log: the JSON object the output template ends each line with.</summary>
    private static List<Dictionary<string, JsonElement>> LoggedProperties(string logDirectory)
    {
        var events = new List<Dictionary<string, JsonElement>>();
        foreach (var file in Directory.GetFiles(logDirectory))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
                if (line.IndexOf(" {\"", StringComparison.Ordinal) is >= 0 and var json)
                    events.Add(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(line[(json + 1)..])!);
        }
        return events;
    }

    private static string FirstDifferentLine(string ran, string simulated)
    {
        var (a, b) = (File.ReadAllLines(ran), File.ReadAllLines(simulated));
        var i = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        return $"line {i + 1}: run '{a.ElementAtOrDefault(i)}', simulate '{b.ElementAtOrDefault(i)}'";
    }

    private static List<string> FilesIn(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList() : [];
}
