using Xunit;

namespace SciLiteracy.Compliance.Tests.Rules.Calendars;

/// <summary>Broken calendar files are reported as path:line:col with what is wrong, like rule files.</summary>
public sealed class CalendarValidationTests
{
    private const string RuleFile = """
        version: 1
        jurisdiction:
          id: demo
          name: 示例县
          calendar: cn-mainland
        units:
          - id: office
            name: 县纲要办
            kind: office
        people:
          - unit: office
            role: liaison
            name: 联络员
            email: liaison@demo.example.org
        """;

    private const string BrokenYear = """
        version: 1
        calendar: cn-mainland
        year: 2025
        notice:
          title: 国务院办公厅关于2025年部分节假日安排的通知
          numbr: 国办发明电〔2024〕12号
        daysOff:
          - { date: 2025-10-01, name: 国庆节 }
          - { date: 2025-10-01, name: 国庆节 }
          - { date: 2024-12-31, name: 元旦 }
        workingDays:
          - { date: 2025-10-01 }
          - { date: 2025-09-28, nmae: 国庆节 }
        """;

    [Fact]
    public void BrokenCalendarFile_ReportsEveryProblemAtItsLineAndColumn()
    {
        using var rules = new CalendarTestRules(withXunwu: false, withCalendars: false);
        rules.Write("demo.yaml", RuleFile);
        rules.Write("calendars/cn-mainland/2025.yaml", BrokenYear);
        rules.Write("calendars/cn-mainland/2024.yaml", "version: 1\ncalendar: cn-mainland\nyear: 2024\ndaysOff:\n  - { date: 2024-10-01, name: 国庆节 }\n");

        var result = rules.Load();

        var file2024 = $"{rules.Directory}/calendars/cn-mainland/2024.yaml";
        var file2025 = $"{rules.Directory}/calendars/cn-mainland/2025.yaml";
        Assert.Null(result.Rules);
        Assert.Equal(
        [
            $"{file2024}:1:1: error: calendar year 2024 names no notice: add 'notice:' with the title (and number and url) of the State Council notice its days come from",
            $"{file2025}:6:3: error: unknown key 'numbr' in the notice (did you mean 'number'?)",
            $"{file2025}:9:13: error: 2025-10-01 is listed twice (first at {file2025}:8:13)",
            $"{file2025}:10:13: error: 2024-12-31 is not in 2025: a calendar file lists the days of its own year only",
            $"{file2025}:12:13: error: 2025-10-01 is listed both as a working day here and as a day off at {file2025}:8:13",
            $"{file2025}:13:25: error: unknown key 'nmae' in a working day in 'workingDays' (did you mean 'name'?)",
        ], result.Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void SameYearInTwoFiles_AndFileInAnotherCalendarsFolder_AreErrors()
    {
        using var rules = new CalendarTestRules(withXunwu: false);
        rules.Write("demo.yaml", RuleFile);
        var copy = File.ReadAllText(Path.Combine(rules.Directory, "calendars/cn-mainland/2025.yaml"));
        rules.Write("calendars/cn-mainland/2025-copy.yaml", copy);
        rules.Write("calendars/cn-hk/2025.yaml", copy);

        var messages = rules.Load().Errors.Select(d => d.ToString()).ToList();

        var mainland = $"{rules.Directory}/calendars/cn-mainland";
        Assert.Equal(
        [
            $"{rules.Directory}/calendars/cn-hk/2025.yaml:2:11: error: calendar 'cn-mainland' is in the folder calendars/cn-hk/: a calendar's files live in calendars/cn-mainland/",
            $"{mainland}/2025.yaml:3:7: error: calendar 'cn-mainland' has 2025 already (at {mainland}/2025-copy.yaml:3:7): one file per calendar and year",
        ], messages);
    }

    [Fact]
    public void JurisdictionWhoseCalendarHasNoData_IsAWarningAtItsCalendarKey_AndLoads()
    {
        using var rules = new CalendarTestRules(withXunwu: false);
        rules.Write("demo.yaml", RuleFile.Replace("calendar: cn-mainland", "calendar: cn-mainlnd"));

        var result = rules.Load();

        Assert.NotNull(result.Rules);
        Assert.Equal(
            $"{rules.Directory}/demo.yaml:5:13: warning: no data for calendar 'cn-mainlnd' (did you mean 'cn-mainland'?) (add calendars/cn-mainlnd/<year>.yaml): " +
            "working days are taken as Monday to Friday, without holidays or adjusted working days",
            Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void ValidateVerb_PrintsCalendarErrorsWithoutAStackTrace_AndExitsWithOne()
    {
        using var rules = new CalendarTestRules(withXunwu: false, withCalendars: false);
        rules.Write("demo.yaml", RuleFile);
        rules.Write("calendars/cn-mainland/2025.yaml", BrokenYear);

        var (exitCode, _, err) = ScilitProcess.Run(rules.Directory, "validate", "--rules", rules.Directory);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{rules.Directory}/calendars/cn-mainland/2025.yaml:9:13: error: 2025-10-01 is listed twice", err);
        Assert.Contains("5 error(s)", err);
        Assert.DoesNotContain("   at ", err);
    }
}
