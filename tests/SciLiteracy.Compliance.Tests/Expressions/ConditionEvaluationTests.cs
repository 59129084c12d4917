using System.Text.Json;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Expressions;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Expressions;

/// <summary>Compiled conditions decide which occurrences `plan` shows and which steps are sent; a faulting one does not stop the rest.</summary>
public sealed class ConditionEvaluationTests : IDisposable
{
    private readonly ConditionRules rules = new();

    public void Dispose() => rules.Dispose();

    private static List<(string Obligation, string Unit, List<string> Kinds)> PlanJson(string stdout) =>
        JsonDocument.Parse(stdout).RootElement.EnumerateArray()
            .Select(o => (o.GetProperty("obligation").GetString()!, o.GetProperty("unit").GetString()!,
                o.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("kind").GetString()!).ToList()))
            .ToList();

    [Fact]
    public void WhenFiltersOccurrencesInPlan()
    {
        rules.WriteObligations(
            ConditionRules.Obligation("test.only-kexie", "    when: 'unit.Id == \"kexie\"'") +
            ConditionRules.Obligation("test.with-lead", "    when: unit.LeadUnits.Count > 0 || unit.Id.StartsWith(\"jiao\")") +
            ConditionRules.Obligation("test.never", "    when: now.Year < 2000"));

        var (exit, stdout, stderr) = ConditionRules.Scilit("plan", "--rules", rules.Directory, "--from", "2025-12-01", "--to", "2025-12-31", "--format", "json");

        Assert.True(exit == 0, stderr);
        var plan = PlanJson(stdout);
        Assert.Equal(["kexie"], plan.Where(o => o.Obligation == "test.only-kexie").Select(o => o.Unit));
        Assert.Equal(["jiaoketi"], plan.Where(o => o.Obligation == "test.with-lead").Select(o => o.Unit));
        Assert.DoesNotContain(plan, o => o.Obligation == "test.never");
        // Obligations without a condition are untouched: the Xunwu yearly report still reaches every member.
        Assert.Contains(plan, o => o.Obligation == "xunwu.yearly-report" && o.Unit == "jiaoketi");
    }

    [Fact]
    public void StepWhenAndEscalateWhenDecideWhichStepsAreSent()
    {
        rules.WriteObligations(
            ConditionRules.Obligation("test.steps", """
                escalation:
                  - after: 0d
                    to: [unit.liaison]
                  - after: 3d
                    to: [unit.head]
                    when: occurrence.DaysOverdue >= 10
                  - after: 12d
                    to: [unit.head]
                    when: occurrence.DaysOverdue >= 10
            """) +
            ConditionRules.Obligation("test.escalate-when", """
                escalateWhen: 'unit.Id == "kexie"'
                reminders: [7d]
                escalation:
                  - after: 0d
                    to: [unit.liaison]
            """));
        var result = RuleSetCompilation.Load(rules.Directory);
        Assert.True(result.Rules is not null, string.Join("\n", result.Errors));
        var planner = new Planner(result.Rules);

        string Steps(string obligation, string unit) => string.Join(",", planner.Occurrences(new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31))
            .Where(o => o.Obligation.Id == obligation && o.Unit.Id == unit)
            .SelectMany(o => planner.Notifications(o)).Select(n => $"{n.Kind}{n.Step}"));

        // Reminders come from the jurisdiction's standard ladder; of the inline escalation, step 2 (3 days overdue) is held back.
        Assert.EndsWith(",Urge1,Escalate3", Steps("test.steps", "kexie"));
        Assert.DoesNotContain("Escalate2", Steps("test.steps", "kexie"));
        Assert.Equal("Remind1,Urge1", Steps("test.escalate-when", "kexie"));
        Assert.Equal("Remind1", Steps("test.escalate-when", "jiaoketi"));
    }

    [Fact]
    public void AFaultingConditionIsReportedWithItsPositionTreatedAsOnErrorSaysAndTheOthersGoOn()
    {
        // On the due date DaysLeft is 0: the division faults for every occurrence.
        rules.WriteObligations(
            ConditionRules.Obligation("test.fault-skip", "    when: 100 / occurrence.DaysLeft > 1\n    onError: skip") +
            ConditionRules.Obligation("test.fault-applies", "    when: 100 / occurrence.DaysLeft > 2") +
            ConditionRules.Obligation("test.no-progress", "    when: target.Latest > 1") +
            ConditionRules.Obligation("test.healthy", "    when: 'unit.Id == \"kexie\"'"));

        var (exit, stdout, stderr) = ConditionRules.Scilit("plan", "--rules", rules.Directory, "--from", "2025-12-01", "--to", "2025-12-31", "--format", "json");

        Assert.True(exit == 0, stderr);
        var plan = PlanJson(stdout);
        Assert.DoesNotContain(plan, o => o.Obligation == "test.fault-skip");
        Assert.Equal(["jiaoketi", "kexie"], plan.Where(o => o.Obligation == "test.fault-applies").Select(o => o.Unit).Order());
        Assert.Equal(["kexie"], plan.Where(o => o.Obligation == "test.healthy").Select(o => o.Unit));

        var (line, column) = rules.PositionOf("100 / occurrence.DaysLeft > 1");
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: condition failed for test.fault-skip/kexie/2025 on 2025-12-19: Attempted to divide by zero; treated as false (onError: skip)", stderr);
        (line, column) = rules.PositionOf("100 / occurrence.DaysLeft > 2");
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: condition failed for test.fault-applies/jiaoketi/2025", stderr);
        (line, column) = rules.PositionOf("target.Latest > 1");
        Assert.Contains($"{rules.ExtraDisplayPath}:{line}:{column}: error: condition failed for test.no-progress/kexie/2025 on 2025-12-19: obligation 'test.no-progress' has no target", stderr);
        Assert.DoesNotContain("   at ", stderr);
    }

    private sealed class RecordedProgress(decimal value, LocalDate asOf) : IProgressSource
    {
        public (decimal Value, LocalDate AsOf)? Latest(string targetId, string unitId, LocalDate onOrBefore) =>
            asOf <= onOrBefore ? (value, asOf) : null;
    }

    [Theory]
    [InlineData(12.0, true)]   // 2 of the 3 points expected by mid-term: behind pace
    [InlineData(13.0, false)]  // exactly on the straight line
    [InlineData(14.5, false)]  // ahead
    public void TargetFactsFollowTheStraightLineFromBaselineToTarget(double latest, bool behind)
    {
        rules.WriteObligations("""
              - id: test.literacy
                title: 公民具备科学素质的比例
                kind: target
                source: { file: test.txt, clause: 一, quote: 测试 }
                responsible: kexie
                schedule: { once: 2025-12-31 }
                when: target.Pace < 1 - target.AtRiskMargin
                escalateWhen: target.Expected > 12.99 && target.Expected < 13.01 && Days(target.LatestAsOf, now) == 2
                target:
                  indicator: 公民具备科学素质的比例
                  baseline: { value: 10, asOf: 2020-12-31 }
                  value: 16
                  by: 2025-12-31
                  unit: "%"
                  atRiskMargin: 0.1

            """);
        var progress = new RecordedProgress((decimal)latest, new LocalDate(2023, 6, 30));
        var result = RuleSetCompilation.Load(rules.Directory, c => c.With(progress: progress));
        Assert.True(result.Rules is not null, string.Join("\n", result.Errors));
        var conditions = (CompiledConditions)result.Rules.Conditions;
        var obligation = result.Rules.ObligationsById["test.literacy"];
        var occurrence = new Planner(result.Rules, AllConditionsHold.Instance).Find(new OccurrenceKey("test.literacy", "kexie", "2025-12-31"))!;
        // Half-way from 2020-12-31 to 2025-12-31 (913 of 1826 days): 13 % is expected.
        var midTerm = new LocalDate(2023, 7, 2);

        Assert.Equal(behind, conditions.Evaluate(obligation.When!, occurrence, midTerm));
        Assert.True(conditions.Evaluate(obligation.EscalateWhen!, occurrence, midTerm));
    }

    [Fact]
    public void RulesLoadedWithoutCompilingTheirConditionsNeverIgnoreThem()
    {
        rules.WriteObligations(ConditionRules.Obligation("test.only-kexie", "    when: 'unit.Id == \"kexie\"'"));
        var uncompiled = SciLiteracy.Compliance.Rules.Loading.RuleLoader.Load(rules.Directory).Rules!;

        var error = Assert.Throws<InvalidOperationException>(() =>
            new Planner(uncompiled).Occurrences(new LocalDate(2025, 1, 1), new LocalDate(2025, 12, 31)).ToList());

        var (line, column) = rules.PositionOf("unit.Id == ");
        Assert.StartsWith($"{rules.ExtraDisplayPath}:{line}:{column}: ", error.Message);
        Assert.Contains("RuleSetCompilation.Load", error.Message);
    }
}
