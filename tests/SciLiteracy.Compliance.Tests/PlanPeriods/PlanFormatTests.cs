using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Domain.Plans;
using SciLiteracy.Compliance.Domain.Scheduling;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Rules.Loading;
using SciLiteracy.Compliance.Tests.Support;

namespace SciLiteracy.Compliance.Tests.PlanPeriods;

/// <summary>The plan-period keys of the rule format (issue 19), read from the county fixture.</summary>
public class PlanFormatTests
{
    private static RuleSet Load(TempDir temp)
    {
        var result = RuleSetCompilation.Load(PlanRules.Write(temp));
        Assert.True(result.Rules is not null, string.Join("\n", result.Errors));
        return result.Rules!;
    }

    [Fact]
    public void A_plan_is_read_and_until_plan_ends_its_obligations_with_it()
    {
        using var temp = new TempDir();
        var rules = Load(temp);

        var plan = Assert.Single(rules.PlansOf("county"));
        Assert.Equal(("county-2021-2025", new LocalDate(2021, 1, 1), new LocalDate(2025, 12, 31)), (plan.Id, plan.From, plan.To));
        var topic = rules.ObligationsById["county.yearly-topic"];
        Assert.Equal((ObligationTerm.PlanBound, "county-2021-2025"), (topic.Term, topic.PlanId));
        Assert.Equal(["2022", "2023", "2024", "2025"], topic.Schedule.Periods().Select(p => p.Period));
    }

    [Fact]
    public void A_missing_from_is_the_plans_first_year_and_period_year_previous_names_the_year_before()
    {
        using var temp = new TempDir();
        var report = Load(temp).ObligationsById["county.yearly-report"];

        var periods = report.Schedule.Periods().ToList();
        Assert.Equal(("2020", new LocalDate(2021, 1, 15)), (periods[0].Period, periods[0].NominalDue));
        Assert.Equal(("2024", new LocalDate(2025, 1, 15)), (periods[^1].Period, periods[^1].NominalDue));
        Assert.Equal("每年1月15日（2021—2025年），报上一年度", report.Schedule.Describe());
    }

    [Fact]
    public void A_standing_duty_runs_on_after_the_plan_and_says_since_when()
    {
        using var temp = new TempDir();
        var rules = Load(temp);
        var month = rules.ObligationsById["county.science-month"];

        Assert.Equal(ObligationTerm.Standing, month.Term);
        Assert.Equal("科普法（2024年修订）：每年9月为全国科普月", month.TermBasis);
        Assert.Equal("每年9月30日（2025年起）", month.Schedule.Describe());
        var due2030 = new Planner(rules).Occurrences(new LocalDate(2030, 1, 1), new LocalDate(2030, 12, 31))
            .Where(o => o.Obligation.Id == "county.science-month").Select(o => (o.Unit.Id, o.Period)).ToList();
        Assert.Equal([("alpha", "2030"), ("beta", "2030")], due2030);
    }

    [Fact]
    public void A_notice_is_cited_with_document_issuer_date_and_address()
    {
        using var temp = new TempDir();
        var source = Load(temp).ObligationsById["county.science-month"].Source;

        Assert.Null(source.File);
        Assert.Equal("中华人民共和国科学技术普及法（全国人民代表大会常务委员会，2024-12-25）", source.Document);
        Assert.Equal("https://www.npc.gov.cn/npc/c2/c30834/202412/t20241225_442018.html", source.Notice!.Url);
        Assert.Equal("第二十一条", source.Clause);
    }

    [Fact]
    public void A_superseded_obligation_plans_nothing_due_on_or_after_the_date()
    {
        using var temp = new TempDir();
        var rules = Load(temp);
        var weekly = new Planner(rules).Occurrences(new LocalDate(2026, 6, 1), new LocalDate(2026, 8, 31))
            .Where(o => o.Obligation.Id == "county.old-weekly").Select(o => o.NominalDue).ToList();

        Assert.Equal(new LocalDate(2026, 6, 26), weekly[^1]);
        Assert.Null(new Planner(rules).Find(new OccurrenceKey("county.old-weekly", "office", "2026-W28")));
    }

    [Fact]
    public void An_area_target_has_one_responsible_unit_and_its_contributors()
    {
        using var temp = new TempDir();
        var target = Load(temp).ObligationsById["county.literacy-target"];

        Assert.Equal(["office"], target.ResponsibleUnitIds.ToArray());
        Assert.Equal(TargetScope.Area, target.Target!.Scope);
        Assert.Equal(["alpha", "beta"], target.Target.ContributorUnitIds.ToArray());
    }
}
