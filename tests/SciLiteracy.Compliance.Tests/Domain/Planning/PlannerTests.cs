using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Tests.Domain.Planning;

/// <summary>Occurrences and notifications over year ends, leap years and the edges of the window.</summary>
public class PlannerTests
{
    private static RuleSet Load(string obligations, string ladder = "")
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("rules.yaml"), $$"""
            version: 1
            jurisdiction: { id: demo, name: 示例县, adjust: {{(ladder.Contains("adjust") ? "previous-workday" : "none")}} }
            units:
              - { id: office, name: 县纲要办, kind: office }
              - { id: leadership, name: 领导小组, kind: leadership }
              - { id: jiaoyu, name: 县教育局, kind: member, lead: office }
              - { id: weijian, name: 县卫健委, kind: member }
            groups:
              - { id: members, name: 成员单位, kinds: [member] }
            people:
              - { unit: office, role: head, name: 主任, email: head.office@demo.example.org }
              - { unit: office, role: liaison, name: 联络员, email: liaison.office@demo.example.org }
              - { unit: leadership, role: head, name: 组长, email: head.leadership@demo.example.org }
              - { unit: jiaoyu, role: liaison, name: 教育局联络员, email: liaison.jiaoyu@demo.example.org }
              - { unit: jiaoyu, role: head, name: 教育局局长, email: head.jiaoyu@demo.example.org }
              - { unit: weijian, role: liaison, name: 卫健委联络员, email: liaison.weijian@demo.example.org }
            obligations:
            {{obligations}}
            """);
        var result = RuleLoader.Load(temp.Path);
        Assert.True(result.Rules is not null, string.Join("\n", result.Diagnostics));
        return result.Rules!;
    }

    private static string Obligation(string schedule, string ladder = "") => $$"""
          - id: demo.o
            title: 报告
            kind: report
            source: { file: f.txt, clause: 一, quote: 引文 }
            responsible: { group: members }
            schedule: {{schedule}}
        {{ladder}}
        """;

    private static LocalDate D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void Yearly_on_february_29_falls_on_the_28th_in_common_years_and_the_29th_in_leap_years()
    {
        var planner = new Planner(Load(Obligation("{ yearly: \"02-29\", from: 2023, until: 2025 }")));

        var dues = planner.Occurrences(D(2023, 1, 1), D(2025, 12, 31)).Where(o => o.Unit.Id == "jiaoyu").Select(o => (o.Period, o.Due.Date)).ToList();

        Assert.Equal([("2023", D(2023, 2, 28)), ("2024", D(2024, 2, 29)), ("2025", D(2025, 2, 28))], dues);
    }

    [Fact]
    public void Escalations_after_a_year_end_due_date_stay_with_that_year_and_fall_in_january()
    {
        var ladder = """
                escalation:
                  - { after: 0d, to: [unit.liaison] }
                  - { after: 10d, to: [unit.head, lead.head] }
            """;
        var planner = new Planner(Load(Obligation("{ yearly: \"12-31\", from: 2024, until: 2024 }", ladder)));
        var occurrence = planner.Occurrences(D(2024, 1, 1), D(2024, 12, 31)).Single(o => o.Unit.Id == "jiaoyu");

        var notifications = planner.Notifications(occurrence);

        Assert.Equal("2024", occurrence.Period);
        Assert.Equal(new LocalDateTime(2024, 12, 31, 23, 59, 59), occurrence.Due.LocalDateTime);
        Assert.Equal(Offset.FromHours(8), occurrence.Due.Offset);
        Assert.Equal(
            [(NotificationKind.Urge, 1, new LocalDateTime(2024, 12, 31, 9, 0)), (NotificationKind.Escalate, 2, new LocalDateTime(2025, 1, 10, 9, 0))],
            notifications.Select(n => (n.Kind, n.Step, n.SendAt.LocalDateTime)).ToList());
        // lead.head resolves through the unit's lead (the office), and each address appears once.
        Assert.Equal(["head.jiaoyu@demo.example.org", "head.office@demo.example.org"], notifications[1].Recipients.Select(r => r.Email).ToList());
    }

    [Fact]
    public void Reminders_before_a_january_due_date_are_sent_in_december_of_the_year_before()
    {
        var ladder = """
                reminders: [30d, 7d]
            """;
        var planner = new Planner(Load(Obligation("{ once: 2025-01-06 }", ladder)));
        var occurrence = planner.Occurrences(D(2025, 1, 1), D(2025, 1, 31)).Single(o => o.Unit.Id == "weijian");

        var sends = planner.Notifications(occurrence).Select(n => n.SendAt.Date).ToList();

        // 2024-12-07 is a Saturday: the reminder moves to Monday 2024-12-09; 2024-12-30 is a Monday.
        Assert.Equal([D(2024, 12, 9), D(2024, 12, 30)], sends);
    }

    [Fact]
    public void Weekly_periods_use_iso_weeks_across_the_year_end()
    {
        var planner = new Planner(Load(Obligation("{ weekly: monday, from: 2024-12-20, until: 2025-01-10 }")));

        var periods = planner.Occurrences(D(2024, 1, 1), D(2025, 12, 31)).Where(o => o.Unit.Id == "jiaoyu").Select(o => (o.Period, o.Due.Date)).ToList();

        Assert.Equal([("2024-W52", D(2024, 12, 23)), ("2025-W01", D(2024, 12, 30)), ("2025-W02", D(2025, 1, 6))], periods);
    }

    [Fact]
    public void Every_two_years_counts_from_the_first_period()
    {
        var planner = new Planner(Load(Obligation("{ every: 2, on: \"06-30\", from: 2022, until: 2025 }")));

        var periods = planner.Occurrences(D(2020, 1, 1), D(2030, 12, 31)).Where(o => o.Unit.Id == "jiaoyu").Select(o => o.Period).ToList();

        Assert.Equal(["2022", "2024"], periods);
    }

    [Fact]
    public void Quarterly_and_monthly_periods_are_labelled_and_clamped_to_month_ends()
    {
        var quarterly = new Planner(Load(Obligation("{ quarterly: 31, from: 2024-01-01, until: 2024-12-31 }")));
        var monthly = new Planner(Load(Obligation("{ monthly: end, from: 2024-01-01, until: 2024-03-31 }")));

        var q = quarterly.Occurrences(D(2024, 1, 1), D(2025, 12, 31)).Where(o => o.Unit.Id == "jiaoyu").Select(o => (o.Period, o.NominalDue)).ToList();
        var m = monthly.Occurrences(D(2024, 1, 1), D(2025, 12, 31)).Where(o => o.Unit.Id == "jiaoyu").Select(o => (o.Period, o.NominalDue)).ToList();

        // The fourth quarter of 2024 would fall due in January 2025, after `until`.
        Assert.Equal([("2024-Q1", D(2024, 4, 30)), ("2024-Q2", D(2024, 7, 31)), ("2024-Q3", D(2024, 10, 31))], q);
        Assert.Equal([("2024-01", D(2024, 1, 31)), ("2024-02", D(2024, 2, 29)), ("2024-03", D(2024, 3, 31))], m);
    }

    [Fact]
    public void A_due_date_on_a_saturday_moves_to_friday_under_previous_workday()
    {
        var planner = new Planner(Load(Obligation("{ yearly: \"12-20\", from: 2024, until: 2025, adjust: previous-workday }")));

        var dues = planner.Occurrences(D(2024, 1, 1), D(2025, 12, 31)).Where(o => o.Unit.Id == "jiaoyu").Select(o => (o.NominalDue, o.Due.Date)).ToList();

        Assert.Equal([(D(2024, 12, 20), D(2024, 12, 20)), (D(2025, 12, 20), D(2025, 12, 19))], dues);
    }

    [Fact]
    public void Working_day_offsets_skip_weekends()
    {
        var ladder = """
                reminders: [3wd]
                escalation:
                  - { after: 3wd, to: [unit.head] }
            """;
        var planner = new Planner(Load(Obligation("{ once: 2025-06-02 }", ladder)));   // a Monday
        var occurrence = planner.Occurrences(D(2025, 6, 1), D(2025, 6, 30)).Single(o => o.Unit.Id == "jiaoyu");

        var sends = planner.Notifications(occurrence).Select(n => n.SendAt.Date).ToList();

        Assert.Equal([D(2025, 5, 28), D(2025, 6, 5)], sends);
    }

    [Fact]
    public void The_plan_window_includes_both_edge_days_and_nothing_outside()
    {
        var ladder = """
                reminders: [7d]
                escalation:
                  - { after: 0d, to: [unit.liaison] }
            """;
        var planner = new Planner(Load(Obligation("{ yearly: \"06-16\", from: 2025, until: 2025 }", ladder)));   // Monday

        var exact = planner.Plan(D(2025, 6, 9), D(2025, 6, 16)).Where(p => p.Occurrence.Unit.Id == "jiaoyu").ToList();
        var beforeReminder = planner.Plan(D(2025, 6, 10), D(2025, 6, 15)).ToList();
        var afterDue = planner.Plan(D(2025, 6, 17), D(2025, 6, 30)).ToList();

        var entry = Assert.Single(exact);
        Assert.Equal([D(2025, 6, 9), D(2025, 6, 16)], entry.Notifications.Select(n => n.SendAt.Date).ToList());
        Assert.Empty(beforeReminder);
        Assert.Empty(afterDue);
    }
}
