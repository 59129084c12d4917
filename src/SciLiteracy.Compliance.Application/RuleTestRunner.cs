using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.RuleTests;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Domain.Organization;

namespace SciLiteracy.Compliance.Application;

/// <summary>
/// Runs a rule test through the real pipeline (`simulate`'s loop on a scratch state): the givens are
/// recorded in the state, every trigger moment of the window runs, and what was delivered is judged.
/// </summary>
public sealed class RuleTestRunner(RuleSet allRules, string rulesDirectory, IStateStoreProvider provider, PipelineOptions options)
{
    /// <summary>With the configured store provider and pipeline options, as `run` has them.</summary>
    public RuleTestRunner(RuleSet allRules, string rulesDirectory)
        : this(allRules, rulesDirectory, StateProviders.For(ComplianceConfiguration.StateProvider(ComplianceConfiguration.Build())).Store,
            ComplianceConfiguration.PipelineOptions(ComplianceConfiguration.Build()))
    {
    }

    public RuleTestResult Run(string fullPath, string displayPath)
    {
        // A pack's tests (rules/<jurisdiction>/tests/) run against that pack alone: the others cannot change its messages.
        var pack = Path.GetRelativePath(rulesDirectory, fullPath).Replace('\\', '/').Split('/')[0];
        var rules = allRules.Directories.ContainsKey(pack) ? allRules.Only(pack) : allRules;
        var planner = new Planner(rules);
        var diagnostics = new DiagnosticBag();
        var test = RuleTestReader.Read(fullPath, displayPath, diagnostics);
        if (test is not null) CheckGivens(test, rules, planner, diagnostics);
        if (test is null || diagnostics.HasErrors)
            return new RuleTestResult(displayPath, test?.Name, diagnostics.ToImmutable(), [], 0);

        using (var scratch = provider.OpenScratch())
        {
            var store = scratch.Store;
            foreach (var s in test.Submissions)
                store.Submit(new Submission(s.Occurrence, s.At.InZoneLeniently(ZoneOf(rules, s.Occurrence)).ToInstant(), "rule test", null));
            var (windowStart, _) = Simulation.Window(rules, test.From, test.To);
            foreach (var e in test.Extensions)
                store.Extend(new Extension(e.Occurrence, e.Until, e.Reason, windowStart));
            // A measurement is recorded at `at` (local), else when its day begins; without a unit, for every responsible unit.
            foreach (var p in test.Progress)
            {
                var target = rules.ObligationsById[p.TargetId];
                var zone = rules.DirectoryOf(target).Jurisdiction.TimeZone;
                var recordedAt = (p.At ?? p.AsOf.AtMidnight()).InZoneLeniently(zone).ToInstant();
                foreach (var unit in p.UnitId is { } one ? [one] : target.ResponsibleUnitIds.ToArray())
                    store.RecordProgress(p.TargetId, unit, p.Value, p.AsOf, "rule test", recordedAt);
            }
            var cycle = CompliancePipeline.Create(new StaticRuleSource(rules), store, [new EmailChannel(new MemoryTransport(), options.From)], rulesDirectory, options);
            var outcomes = Simulation.RunAsync(cycle, store, rules, options, test.From, test.To, CancellationToken.None).GetAwaiter().GetResult();
            var delivered = Delivered(outcomes, rules);
            return new RuleTestResult(displayPath, test.Name, [], RuleTestVerdict.Check(test, delivered), delivered.Count);
        }
    }

    /// <summary>Ledger rows sent, one entry per step of an occurrence with all its recipients, at local time.</summary>
    private static List<DeliveredNotification> Delivered(IEnumerable<CycleOutcome> outcomes, RuleSet rules) => outcomes
        .SelectMany(o => o.Sent.SelectMany(m => m.Rows))
        .Where(r => r.Channel == ChannelNames.Email && (NotificationKinds.IsLadderStep(r.Kind) || r.Kind == NotificationKinds.AtRisk))
        .GroupBy(r => (r.Key, r.Kind, r.Step, Sent: r.SentAt ?? r.ComposedAt))
        .Select(g => new DeliveredNotification(g.Key.Key, NotificationKinds.Parse(g.Key.Kind), g.Key.Step,
            g.Key.Sent.InZone(ZoneOf(rules, g.Key.Key)).LocalDateTime, g.Select(r => r.Recipient).Distinct(StringComparer.OrdinalIgnoreCase).ToImmutableArray()))
        .OrderBy(d => d.At).ToList();

    private static DateTimeZone ZoneOf(RuleSet rules, OccurrenceKey key) =>
        rules.ObligationsById.TryGetValue(key.ObligationId, out var o) ? rules.DirectoryOf(o).Jurisdiction.TimeZone : DateTimeZone.Utc;

    private static void CheckGivens(RuleTestCase test, RuleSet rules, Planner planner, DiagnosticBag diagnostics)
    {
        foreach (var (key, at) in test.Submissions.Select(s => (s.Occurrence, s.Location)).Concat(test.Extensions.Select(e => (e.Occurrence, e.Location))))
            if (planner.Find(key) is null)
                diagnostics.Error(at, $"no occurrence {key} in the rules: check the obligation id, the unit and the period as `plan` shows them");
        foreach (var p in test.Progress)
            if (!rules.ObligationsById.TryGetValue(p.TargetId, out var target) || target.Kind != ObligationKind.Target)
                diagnostics.Error(p.Location, $"no target '{p.TargetId}' in the rules{DidYouMean.Hint(p.TargetId, rules.Obligations.Where(o => o.Kind == ObligationKind.Target).Select(o => o.Id))}");
            else if (p.UnitId is { } unit && !target.ResponsibleUnitIds.Contains(unit))
                diagnostics.Error(p.Location, $"unit '{unit}' is not responsible for target '{p.TargetId}'{DidYouMean.Hint(unit, target.ResponsibleUnitIds)}");
        foreach (var pattern in test.Expect.Concat(test.ExpectNot))
            if (pattern.ObligationId is { } id && !rules.ObligationsById.ContainsKey(id))
                diagnostics.Error(pattern.Location, $"unknown obligation '{id}'{DidYouMean.Hint(id, rules.ObligationsById.Keys)}");
    }
}
