namespace SciLiteracy.Compliance.Tests.PlanPeriods;

/// <summary>`scilit validate` warns, with positions, about what today's date makes wrong (issue 19): run as a process.</summary>
public class ValidateTimelineTests
{
    private static string[] Warnings(CliResult result) =>
        result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Contains(": warning: ")).ToArray();

    [Fact]
    public void An_ended_plan_without_successor_is_warned_at_the_plan()
    {
        using var temp = new TempDir();
        PlanRules.Write(temp);

        var result = ScilitProcess.Run(temp.Path, "validate", "--rules", "rules", "--as-of", "2026-12-04");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(Warnings(result), w => w.StartsWith("rules/county/jurisdiction.yaml:31:9: warning: plan 'county-2021-2025' of county ended on 2025-12-31 and no successor plan is entered"));
        Assert.DoesNotContain(Warnings(result), w => w.Contains("ended on") && w.Contains("county-2021-2025") && !w.StartsWith("rules/county/jurisdiction.yaml:31:9"));
    }

    [Fact]
    public void A_plan_still_running_is_not_warned()
    {
        using var temp = new TempDir();
        PlanRules.Write(temp);

        var result = ScilitProcess.Run(temp.Path, "validate", "--rules", "rules", "--as-of", "2025-06-01");

        Assert.DoesNotContain(Warnings(result), w => w.Contains("no successor plan"));
    }

    [Fact]
    public void A_2027_due_date_without_2027_holiday_data_is_warned_and_the_2027_file_removes_the_warning()
    {
        using var temp = new TempDir();
        var rules = PlanRules.Write(temp);

        var without = Warnings(ScilitProcess.Run(temp.Path, "validate", "--rules", "rules", "--as-of", "2026-12-04"));
        Assert.Contains("rules/county/obligations-standing.yaml:46:9: warning: county.spring-check falls due on 2027-02-10 in 2027, a year without holiday data for calendar 'cn-mainland': " +
            "working days count by weekends only and each such date is marked 待国务院安排确认 until calendars/cn-mainland/2027.yaml is added", without);

        PlanRules.Add2027Calendar(rules);
        var with = Warnings(ScilitProcess.Run(temp.Path, "validate", "--rules", "rules", "--as-of", "2026-12-04"));
        Assert.DoesNotContain(with, w => w.Contains("without holiday data"));
    }

    [Fact]
    public void Nothing_due_in_the_next_90_days_is_warned_at_the_jurisdiction()
    {
        using var temp = new TempDir();
        PlanRules.Write(temp);
        PlanRules.Add2027Calendar(temp["rules"]);

        var quiet = Warnings(ScilitProcess.Run(temp.Path, "validate", "--rules", "rules", "--as-of", "2027-10-01"));
        var busy = Warnings(ScilitProcess.Run(temp.Path, "validate", "--rules", "rules", "--as-of", "2027-01-04"));

        Assert.Contains("rules/county/jurisdiction.yaml:3:7: warning: nothing is due for county in the next 90 days (2027-10-01 to 2027-12-29): no reminder will be sent", quiet);
        Assert.DoesNotContain(busy, w => w.Contains("nothing is due"));
    }

    [Fact]
    public void A_source_file_missing_from_the_seeds_folder_is_warned_where_it_is_named()
    {
        using var temp = new TempDir();
        PlanRules.Write(temp);
        File.Delete(temp["seeds/county-plan.txt"]);
        var seeds = temp["seeds"];

        var warnings = Warnings(ScilitProcess.Run(temp.Path, "validate", "--rules", "rules", "--as-of", "2025-06-01"));

        Assert.Contains($"rules/county/jurisdiction.yaml:36:13: warning: source file 'county-plan.txt' does not exist in the seeds folder {seeds}", warnings);
        Assert.Contains(warnings, w => w.StartsWith("rules/county/obligations-plan.yaml:11:21: warning: source file 'county-plan.txt' does not exist"));
    }
}
