using NodaTime;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Notifications.Pipeline;

/// <summary>The numbered 督办单 in the escalation emails: one number per occurrence and escalation step, with its colour.</summary>
public sealed class EscalationNumberTests
{
    private static Instant At(PlannedNotification n) => n.SendAt.ToInstant();

    [Fact]
    public async Task Each_escalation_is_numbered_in_its_jurisdiction_and_year_and_the_email_shows_the_number_and_colour()
    {
        using var h = new PipelineHarness();
        var escalate = h.Ladder("test.report", "beta").Single(n => n.Kind == NotificationKind.Escalate);
        h.StartServiceBefore(At(escalate) - Duration.FromDays(1));

        var outcome = await h.Cycle().RunAsync(At(escalate), CancellationToken.None);

        // Three escalations at once (test.report for alpha and beta, test.plan for alpha), each to two people: three numbers.
        var numbers = h.Store.EscalationNumbers();
        Assert.Equal([1, 2, 3], numbers.Select(n => n.Number));
        Assert.All(numbers, n => Assert.Equal("testcounty/2025", n.Series));
        Assert.Equal(3, numbers.Select(n => n.Key).Distinct().Count());
        var beta = numbers.Single(n => n.Key.UnitId == "beta");
        var toHead = outcome.Sent.Single(m => m.Message.To == "head.beta@test.example.org");
        var mail = EmlReader.Read(Path.Combine(h.Pickup.Folder, toHead.Message.FileName));
        // The only escalation step of the small ladder (the 催办 at the due date does not count) is the last: 红.
        Assert.Contains($"督办单：测试纲要办督〔2025〕{beta.Number}号（红色督办）", mail.Text);
        Assert.Contains($"测试纲要办督〔2025〕{beta.Number}号", mail.Html);
        // The office's head gets the same escalations in one digest: the same numbers, not new ones.
        var office = EmlReader.Read(Path.Combine(h.Pickup.Folder, outcome.Sent.Single(m => m.Message.To == "head.office@test.example.org").Message.FileName));
        Assert.All(numbers, n => Assert.Contains($"测试纲要办督〔2025〕{n.Number}号", office.Text));

        // A later cycle gives no number again.
        await h.Cycle().RunAsync(At(escalate) + Duration.FromDays(1), CancellationToken.None);
        Assert.Equal(3, h.Store.EscalationNumbers().Count);
    }

    [Fact]
    public void The_prefix_comes_from_the_rule_file_or_else_the_jurisdictions_short_name_and_the_colour_from_the_step()
    {
        using var custom = new PipelineHarness(yaml => yaml.Replace("  name: 测试县\n", "  name: 测试县\n  escalationPrefix: 测试县科协督\n"));
        Assert.Equal("测试县科协督〔2026〕12号", EscalationNumbering.Text(custom.Set.Directories["testcounty"].Jurisdiction, 2026, 12));
        using var plain = new PipelineHarness();
        Assert.Equal("测试纲要办督〔2026〕1号", EscalationNumbering.Text(plain.Set.Directories["testcounty"].Jurisdiction, 2026, 1));

        // A ladder of a 催办 and three escalations: 蓝, 黄, 红.
        using var three = new PipelineHarness(yaml => yaml.Replace(
            "      - { after: 3d, to: [unit.head, office.head] }",
            "      - { after: 3d, to: [unit.head] }\n      - { after: 6d, to: [unit.head] }\n      - { after: 9d, to: [unit.head, office.head] }"));
        var ladder = three.Occurrence("test.report", "beta").Obligation.Ladder;
        Assert.Equal(["蓝", "黄", "红"], new[] { 2, 3, 4 }.Select(step => EscalationNumbering.Color(ladder, step)));
    }
}
