using MiniExcelLibs;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Tests.Support;
using SciLiteracy.Compliance.Tests.Web;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Application;

/// <summary>`scilit report` over a simulated year against the table computed by hand (Fixtures/README-timeliness.md).</summary>
public sealed class TimelinessReportTests
{
    private static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly string Expected = Repo.Path("tests", "SciLiteracy.Compliance.Tests", "Application", "Fixtures", "timeliness-2025.csv");

    private const string Rules = """
        version: 1
        jurisdiction: { id: tongbao, name: 通报县, timeZone: Asia/Shanghai, sendTime: "09:00", adjust: none, ladder: plain }
        units:
          - { id: office, name: 县纲要办, kind: office }
          - { id: ua, name: 甲局, kind: member }
          - { id: ub, name: 乙局, kind: member }
          - { id: uc, name: 丙局, kind: member }
          - { id: ud, name: 丁局, kind: member }
          - { id: ue, name: 戊局, kind: member }
        groups:
          - { id: members, name: 成员单位, kinds: [member] }
        people:
          - { unit: office, role: liaison, name: 联络员, email: liaison.office@tongbao.example.org }
        ladders:
          - id: plain
            reminders: [3d]
        obligations:
          - id: tb.monthly
            title: 月度工作信息
            kind: report
            source: { file: plan.txt, clause: 一, quote: 每月10日前报送工作信息。 }
            responsible: { group: members }
            schedule: { monthly: 10, from: 2025-01-01, until: 2025-12-31 }
          - id: tb.yearly
            title: 年度总结
            kind: report
            source: { file: plan.txt, clause: 二, quote: 每年12月20日前报送年度总结。 }
            responsible: { units: [ua] }
            schedule: { yearly: "12-20", from: 2025, until: 2025 }
        """;

    private static Instant Local(int month, int day, int hour = 10) => new LocalDateTime(2025, month, day, hour, 0).InZoneStrictly(Zone).ToInstant();

    private static string Month(int month) => $"2025-{month:00}";

    [Fact]
    public void A_simulated_year_gives_the_hand_computed_table_in_csv_and_the_same_figures_in_xlsx_and_html()
    {
        using var temp = new TempDir();
        var rules = temp["rules"];
        Directory.CreateDirectory(rules);
        File.WriteAllText(Path.Combine(rules, "tongbao.yaml"), Rules);
        var state = temp["state/compliance.db"];
        var store = TestState.Open(state);
        void Submit(string unit, string period, Instant at, string obligation = "tb.monthly") =>
            store.Submit(new Submission(new OccurrenceKey(obligation, unit, period), at, "联络员", null));

        for (var m = 1; m <= 12; m++) if (m != 3) Submit("ua", Month(m), Local(m, 10));
        Submit("ua", Month(3), Local(3, 13));
        Submit("ua", "2025", Local(12, 20), "tb.yearly");
        for (var m = 1; m <= 10; m++) Submit("ub", Month(m), Local(m, 10));
        var december = new OccurrenceKey("tb.monthly", "ub", Month(12));
        store.Extend(new Extension(december, new LocalDate(2025, 12, 20), "材料补充", Local(12, 5)));
        store.Extend(new Extension(december, new LocalDate(2025, 12, 31), "再次补充", Local(12, 18)));
        Submit("ub", Month(12), Local(12, 30));
        for (var m = 1; m <= 6; m++) Submit("uc", Month(m), Local(m, 10));
        Submit("uc", Month(7), Local(8, 20));
        for (var m = 8; m <= 12; m++) Submit("uc", Month(m), Local(m, 11, 9));
        for (var m = 1; m <= 12; m++) if (m != 2) Submit("ue", Month(m), Local(m, 10, 23));
        Submit("ue", Month(2), Local(3, 2));

        var asOf = new SettableClock(Local(1, 31) + Duration.FromDays(365));
        string Report(params string[] extra)
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var exit = SciLiteracy.Compliance.Cli.CommandLine.Invoke(["report", "--year", "2025", "--rules", rules, "--state", state, .. extra], stdout, stderr, asOf);
            Assert.True(exit == 0, $"exit {exit}: {stderr}");
            return stdout.ToString();
        }

        Assert.Equal(File.ReadAllText(Expected), Report("--format", "csv"));

        var xlsx = temp["report.xlsx"];
        Report("--format", "xlsx", "--out", xlsx);
        var sheet = MiniExcel.Query(xlsx, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["ua", "ub", "ue", "uc", "ud"], sheet.Select(r => (string)r["单位编号"]));
        Assert.Equal([1d, 2d, 2d, 4d, 5d], sheet.Select(r => Convert.ToDouble(r["排名"])));

        var html = Report("--format", "html");
        Assert.Contains("2025年度工作时效通报", html);
        Assert.Contains("<td>丙局</td><td>12</td><td>6</td><td>6</td><td>35</td><td>0</td><td>0</td><td>70.5</td>", html);

        // Another rule is another ranking: missing nothing but lateness costing dear puts the late units last.
        var strict = Report("--format", "csv", "--weights", "missed=1,late=0,late-day=1,cap=100");
        Assert.StartsWith("1,tongbao,ua,", strict.Split("\r\n")[1]);
        Assert.Contains("tongbao,uc,丙局,12,6,6,46,0,0,54", strict);
    }

    [Fact]
    public void A_weight_that_is_not_one_is_refused_in_one_line()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.Equal(1, SciLiteracy.Compliance.Cli.CommandLine.Invoke(["report", "--year", "2025", "--weights", "late=two"], stdout, stderr, new SettableClock(Instant.FromUtc(2026, 1, 31, 0, 0))));
        Assert.Equal("error: --weights: 'late=two' is not NAME=NUMBER", stderr.ToString().Trim());
    }
}
