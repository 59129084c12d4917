using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.RuleTests;

namespace SciLiteracy.Compliance.Tests.Rules.RuleTests;

/// <summary>Rule test files: read with positions, and judged against what was delivered with a readable diff.</summary>
public class RuleTestFileTests
{
    private const string Test = """
        version: 1
        name: 年度报告
        window: { from: 2025-11-01, to: 2026-01-31 }
        given:
          submissions:
            - { obligation: demo.report, unit: a, period: "2025", at: "2025-12-10T10:00" }
        expect:
          - { obligation: demo.report, unit: b, period: "2025", kind: remind, step: 1,
              at: "2025-11-19T09:00", to: [liaison.b@demo.example.org] }
        expectNot:
          - { obligation: demo.report, unit: a, kind: urge }
        """;

    private static DeliveredNotification Sent(string unit, NotificationKind kind, int step, int month, int day, params string[] to) =>
        new(new OccurrenceKey("demo.report", unit, "2025"), kind, step, new LocalDateTime(2025, month, day, 9, 0), to.ToImmutableArray());

    private static RuleTestCase Read(string text, out DiagnosticBag diagnostics)
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("t.yaml"), text);
        diagnostics = new DiagnosticBag();
        return RuleTestReader.Read(temp.File("t.yaml"), "rules/demo/tests/t.yaml", diagnostics)!;
    }

    [Fact]
    public void A_test_passes_when_every_expectation_is_met_and_nothing_forbidden_was_sent()
    {
        var test = Read(Test, out var diagnostics);

        var failures = RuleTestVerdict.Check(test, [Sent("b", NotificationKind.Remind, 1, 11, 19, "liaison.b@demo.example.org"), Sent("a", NotificationKind.Remind, 1, 11, 19, "liaison.a@demo.example.org")]);

        Assert.False(diagnostics.HasErrors);
        Assert.Equal(new LocalDateTime(2025, 12, 10, 10, 0), Assert.Single(test.Submissions).At);
        Assert.Empty(failures);
    }

    [Fact]
    public void A_missing_notification_is_reported_at_its_line_with_the_nearest_actual_one()
    {
        var test = Read(Test, out _);

        var failures = RuleTestVerdict.Check(test, [Sent("b", NotificationKind.Remind, 1, 11, 20, "liaison.b@demo.example.org")]);

        var failure = Assert.Single(failures);
        Assert.Equal(
            """
            rules/demo/tests/t.yaml:8: expected notification was not sent
                - expected: obligation=demo.report unit=b period=2025 kind=remind step=1 at=2025-11-19T09:00 to=[liaison.b@demo.example.org]
                + actual:   obligation=demo.report unit=b period=2025 kind=remind step=1 at=2025-11-20T09:00 to=[liaison.b@demo.example.org]
            """.ReplaceLineEndings(), failure.ToString());
    }

    [Fact]
    public void Recipients_must_match_exactly_and_forbidden_notifications_fail_the_test()
    {
        var test = Read(Test, out _);

        var failures = RuleTestVerdict.Check(test,
        [
            Sent("b", NotificationKind.Remind, 1, 11, 19, "liaison.b@demo.example.org", "head.b@demo.example.org"),
            Sent("a", NotificationKind.Urge, 1, 12, 19, "liaison.a@demo.example.org"),
        ]);

        Assert.Equal(["rules/demo/tests/t.yaml:8: expected notification was not sent", "rules/demo/tests/t.yaml:11: notification was sent but must not be"],
            failures.Select(f => f.ToString().Split(Environment.NewLine)[0]).ToList());
    }

    [Fact]
    public void Mistakes_in_a_test_file_are_reported_with_their_positions()
    {
        Read(Test.Replace("kind: remind", "kind: remnd").Replace("\"2025-12-10T10:00\"", "\"2025-12-10\""), out var diagnostics);

        Assert.Equal(
        [
            "rules/demo/tests/t.yaml:6:63: error: '2025-12-10' is not a local date and time; expected YYYY-MM-DDTHH:mm, e.g. \"2025-12-05T09:00\"",
            "rules/demo/tests/t.yaml:8:63: error: 'kind' of an expected notification must be one of remind, urge, escalate, at-risk; found 'remnd' (did you mean 'remind'?)",
        ], diagnostics.ToImmutable().Select(d => d.ToString()).ToList());
    }
}
