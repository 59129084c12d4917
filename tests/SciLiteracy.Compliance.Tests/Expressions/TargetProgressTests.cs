using System.Text.Json;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.State.Sqlite;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Expressions;

/// <summary>Progress recorded with `scilit progress` feeds target conditions and the default at-risk rule.</summary>
public sealed class TargetProgressTests : IDisposable
{
    private readonly ConditionRules rules = new();
    private string StateFile => Path.Combine(rules.Directory, "state", "compliance.db");

    public void Dispose() => rules.Dispose();

    private const string Volunteers = """
          - id: test.volunteers
            title: 注册科技志愿者达到500名以上
            kind: target
            source: { file: test.txt, clause: 一, quote: 注册科技志愿者达到500名以上 }
            responsible: kexie
            lead: [jiaoketi]
            schedule: { once: 2025-12-31 }
            target:
              indicator: 注册科技志愿者
              baseline: { value: 100, asOf: 2021-12-31 }
              value: 500
              by: 2025-12-31
              unit: 名
              atRiskMargin: 0.2
            escalation:
              - after: 0d
                to: [unit.liaison]
              - after: 3d
                to: [lead.liaison]
                when: target.HasProgress && target.Pace < 1 - target.AtRiskMargin

        """;

    private string[] Scilit(params string[] args)
    {
        var (exit, stdout, stderr) = ConditionRules.Scilit([.. args, "--state", StateFile]);
        Assert.True(exit == 0, $"scilit {string.Join(' ', args)} failed: {stderr}");
        return [stdout, stderr];
    }

    [Fact]
    public void RecordedProgressIsListedAndRefusedForAnUnknownTarget()
    {
        rules.WriteObligations(Volunteers);
        Scilit("progress", "record", "--rules", rules.Directory, "--target", "test.volunteers", "--value", "180", "--as-of", "2022-12-31", "--note", "年报");
        Scilit("progress", "record", "--rules", rules.Directory, "--target", "test.volunteers", "--value", "260.5", "--as-of", "2023-12-31");

        var list = JsonDocument.Parse(Scilit("progress", "list", "--format", "json")[0]).RootElement.EnumerateArray().ToList();
        Assert.Equal(["2022-12-31", "2023-12-31"], list.Select(e => e.GetProperty("asOf").GetString()));
        Assert.Equal([180m, 260.5m], list.Select(e => e.GetProperty("value").GetDecimal()));
        Assert.Equal(["kexie", "kexie"], list.Select(e => e.GetProperty("unit").GetString()));
        Assert.Equal("年报", list[0].GetProperty("note").GetString());

        var (exit, _, stderr) = ConditionRules.Scilit("progress", "record", "--rules", rules.Directory, "--target", "test.volunteer",
            "--value", "1", "--as-of", "2023-01-01", "--state", StateFile);
        Assert.Equal(1, exit);
        Assert.Contains("error: --target 'test.volunteer' is not an obligation of kind target (did you mean 'test.volunteers'?)", stderr);
    }

    [Fact]
    public void PlanSendsTheBehindPaceStepOnlyWhenRecordedProgressIsBehind()
    {
        rules.WriteObligations(Volunteers);
        List<string> KindsIn2026()
        {
            var plan = JsonDocument.Parse(Scilit("plan", "--rules", rules.Directory, "--from", "2025-12-01", "--to", "2026-01-31", "--format", "json")[0]);
            return plan.RootElement.EnumerateArray().Where(o => o.GetProperty("obligation").GetString() == "test.volunteers")
                .SelectMany(o => o.GetProperty("notifications").EnumerateArray()).Select(n => $"{n.GetProperty("kind").GetString()}{n.GetProperty("step").GetInt32()}").ToList();
        }

        Assert.DoesNotContain("escalate2", KindsIn2026()); // no progress recorded: HasProgress is false
        // By the end of 2025 all 500 are expected; 390 is 290 of 400 points: pace 0.725, behind by more than 0.2.
        Scilit("progress", "record", "--rules", rules.Directory, "--target", "test.volunteers", "--value", "390", "--as-of", "2025-11-30");
        Assert.Contains("escalate2", KindsIn2026());
        Scilit("progress", "record", "--rules", rules.Directory, "--target", "test.volunteers", "--value", "480", "--as-of", "2025-12-15");
        Assert.DoesNotContain("escalate2", KindsIn2026());
    }

    [Fact]
    public void TheDefaultAtRiskRuleTellsTheUnitThenItsLeadThenTheOffice()
    {
        rules.WriteObligations(Volunteers);
        var result = RuleSetCompilation.Load(rules.Directory);
        Assert.True(result.Rules is not null, string.Join("\n", result.Errors));
        var planner = new Planner(result.Rules);
        var store = TestState.Open(StateFile);
        var now = Instant.FromUtc(2023, 12, 31, 0, 0);
        // 1 Dec 2023: 300.5 expected on the line from 100 (2021-12-31) to 500 (2025-12-31); 310 is ahead.
        store.RecordProgress("test.volunteers", "kexie", 310, new LocalDate(2023, 12, 1), null, Instant.FromUtc(2023, 12, 2, 0, 0));

        Assert.Empty(TargetRisk.Assess(planner, store.Progress(), now));

        store.RecordProgress("test.volunteers", "kexie", 200, new LocalDate(2023, 12, 20), "更正", Instant.FromUtc(2023, 12, 21, 0, 0));
        var risk = Assert.Single(TargetRisk.Assess(planner, store.Progress(), now));

        Assert.Equal(200m, risk.Standing.Latest!.Value);
        Assert.True(risk.Standing.Pace < 0.8m, $"pace {risk.Standing.Pace}");
        var office = result.Rules.Directories["xunwu"].Office!.Id;
        Assert.Equal(["kexie", "jiaoketi", office], risk.Notifications.Select(n => n.Recipients.Select(r => r.UnitId).Distinct().Single()));
        Assert.Equal(risk.Notifications.Select(n => n.SendAt.ToInstant()).Order(), risk.Notifications.Select(n => n.SendAt.ToInstant()));
        // Anchored at the moment the figure was recorded, not at the day of the assessment: the same at any later cycle.
        Assert.True(risk.Notifications[0].SendAt.ToInstant() >= Instant.FromUtc(2023, 12, 21, 0, 0));
        Assert.Equal(risk.Notifications.Select(n => n.SendAt),
            Assert.Single(TargetRisk.Assess(planner, store.Progress(), now.Plus(Duration.FromDays(3)))).Notifications.Select(n => n.SendAt));
    }
}
