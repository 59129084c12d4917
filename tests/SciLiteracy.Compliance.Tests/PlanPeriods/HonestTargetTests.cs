using NodaTime;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Tests.PlanPeriods;

/// <summary>Targets judged honestly (序时进度, issue 19): no baseline, tolerance at the due date, a past target, an area target.</summary>
public class HonestTargetTests
{
    private static readonly LocalDate By = new(2025, 12, 31);
    private static readonly TargetSpec WithBaseline = new("公民具备科学素质的比例", new TargetValue(10.56m, new LocalDate(2020, 12, 31)), 16m, By, "%", TargetDirection.Increase, 0.1m);
    private static readonly TargetSpec WithoutBaseline = WithBaseline with { Baseline = null };

    private static ProgressRecord Point(long id, decimal value, LocalDate asOf) =>
        new(id, "t", "office", value, asOf, null, asOf.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant());

    [Fact]
    public void Without_a_baseline_pace_is_not_judged_until_a_second_measurement()
    {
        var first = Point(1, 11m, new LocalDate(2023, 6, 30));
        var one = TargetStanding.Of(WithoutBaseline, first, new LocalDate(2023, 7, 1), first);
        Assert.Equal(TargetState.NotJudged, one.State);
        Assert.Null(one.Pace);

        // From 11 (mid-2023) to 16 (end of 2025), mid-2024 expects about 13; 11.2 is far behind.
        var behind = TargetStanding.Of(WithoutBaseline, Point(2, 11.2m, new LocalDate(2024, 6, 30)), new LocalDate(2024, 7, 1), first);
        Assert.Equal(TargetState.AtRisk, behind.State);
        var onPace = TargetStanding.Of(WithoutBaseline, Point(2, 13.1m, new LocalDate(2024, 6, 30)), new LocalDate(2024, 7, 1), first);
        Assert.Equal(TargetState.OnTrack, onPace.State);
    }

    [Fact]
    public void The_tolerance_narrows_to_zero_at_the_due_date()
    {
        // 15.9 of 16: within the 10% tolerance early on, but on the due date anything short of the figure is behind.
        var early = TargetStanding.Of(WithBaseline, Point(1, 11.08m, new LocalDate(2021, 6, 30)), new LocalDate(2021, 7, 1));
        var atDue = TargetStanding.Of(WithBaseline, Point(2, 15.9m, By), By);
        var reached = TargetStanding.Of(WithBaseline, Point(3, 16m, By), By);

        Assert.Equal(TargetState.OnTrack, early.State);
        Assert.Equal(TargetState.AtRisk, atDue.State);
        Assert.Equal(TargetState.OnTrack, reached.State);
    }

    [Fact]
    public void A_target_past_its_date_is_met_or_missed_with_its_final_value()
    {
        var after = By.PlusDays(1);
        var missed = TargetStanding.Of(WithBaseline, Point(1, 14.5m, By), after);
        var met = TargetStanding.Of(WithBaseline, Point(2, 16.2m, By), after);
        var nothing = TargetStanding.Of(WithBaseline, null, after);

        Assert.Equal((TargetState.Missed, 14.5m), (missed.State, missed.Latest!.Value));
        Assert.Equal((TargetState.Met, 16.2m), (met.State, met.Latest!.Value));
        Assert.Equal(TargetState.Missed, nothing.State);
        Assert.Equal("missed", TargetStanding.StateName(missed.State));
    }

    [Fact]
    public void An_area_target_with_contributors_is_judged_once_for_the_area()
    {
        using var temp = new TempDir();
        PlanRules.Write(temp);
        var record = ScilitProcess.Run(temp.Path, "progress", "record", "--rules", "rules", "--state", "s.db", "--target", "county.literacy-target",
            "--value", "12", "--as-of", "2025-03-31", "--at", "2025-04-01T10:00");
        Assert.True(record.ExitCode == 0, record.Stderr + record.Stdout);

        var simulate = ScilitProcess.Run(temp.Path, "simulate", "--rules", "rules", "--state", "s.db", "--from", "2025-06-09", "--to", "2025-06-09", "--outbox", "out");

        Assert.True(simulate.ExitCode == 0, simulate.Stderr);
        var summary = Directory.GetFiles(temp["out"], "*.eml").Select(EmlReader.Read).Single(e => e.Text.Contains("工作进展："));
        var targetRows = summary.Text.Split('\n').Where(l => l.Contains("公民具备科学素质的比例超过15%")).ToList();
        var row = Assert.Single(targetRows);
        Assert.Contains("县纲要办", row);
        Assert.Contains("进度滞后", row);
        Assert.DoesNotContain(summary.Text.Split('\n'), l => l.Contains("目标 15%") && (l.Contains("甲局") || l.Contains("乙局")));
    }
}
