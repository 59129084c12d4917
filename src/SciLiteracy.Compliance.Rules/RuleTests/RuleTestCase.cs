using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;

namespace SciLiteracy.Compliance.Rules.RuleTests;

/// <summary>
/// A rule test in the spirit of `promtool test rules`: given these submissions, extensions and
/// progress records, over this window, these notifications go out (and these do not).
/// </summary>
public sealed record RuleTestCase(
    string Name,
    SourceSpan Location,
    LocalDate From,
    LocalDate To,
    ImmutableArray<GivenSubmission> Submissions,
    ImmutableArray<GivenExtension> Extensions,
    ImmutableArray<GivenProgress> Progress,
    ImmutableArray<NotificationPattern> Expect,
    ImmutableArray<NotificationPattern> ExpectNot);

public sealed record GivenSubmission(OccurrenceKey Occurrence, LocalDateTime At, SourceSpan Location);

public sealed record GivenExtension(OccurrenceKey Occurrence, LocalDate Until, string Reason, SourceSpan Location);

public sealed record GivenProgress(string TargetId, decimal Value, LocalDate AsOf, string? UnitId, SourceSpan Location, LocalDateTime? At = null);

/// <summary>A notification as a rule test sees it: one step of one occurrence, when it went out and to whom.</summary>
public sealed record DeliveredNotification(OccurrenceKey Occurrence, NotificationKind Kind, int Step, LocalDateTime At, ImmutableArray<string> To)
{
    public override string ToString() =>
        $"obligation={Occurrence.ObligationId} unit={Occurrence.UnitId} period={Occurrence.Period} kind={NotificationKinds.Name(Kind)} " +
        $"step={Step} at={At:uuuu-MM-dd'T'HH:mm} to=[{string.Join(", ", To)}]";
}

/// <summary>What an `expect`/`expectNot` entry asks for; a field left out matches anything.</summary>
public sealed record NotificationPattern(
    string? ObligationId, string? UnitId, string? Period, NotificationKind? Kind, int? Step, LocalDateTime? At,
    ImmutableArray<string>? To, SourceSpan Location)
{
    public bool Matches(DeliveredNotification n) =>
        (ObligationId is null || ObligationId == n.Occurrence.ObligationId)
        && (UnitId is null || UnitId == n.Occurrence.UnitId)
        && (Period is null || Period == n.Occurrence.Period)
        && (Kind is null || Kind == n.Kind)
        && (Step is null || Step == n.Step)
        && (At is null || At == n.At)
        && (To is null || To.Value.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(n.To.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase));

    /// <summary>How near a notification comes to this pattern: the number of given fields it matches.</summary>
    public int Closeness(DeliveredNotification n) =>
        (ObligationId == n.Occurrence.ObligationId ? 4 : 0) + (UnitId == n.Occurrence.UnitId ? 4 : 0)
        + (Period == n.Occurrence.Period ? 2 : 0) + (Kind == n.Kind ? 2 : 0) + (Step == n.Step ? 1 : 0) + (At == n.At ? 1 : 0);

    public override string ToString()
    {
        var parts = new List<string>();
        if (ObligationId is not null) parts.Add($"obligation={ObligationId}");
        if (UnitId is not null) parts.Add($"unit={UnitId}");
        if (Period is not null) parts.Add($"period={Period}");
        if (Kind is not null) parts.Add($"kind={NotificationKinds.Name(Kind.Value)}");
        if (Step is not null) parts.Add($"step={Step}");
        if (At is not null) parts.Add($"at={At:uuuu-MM-dd'T'HH:mm}");
        if (To is not null) parts.Add($"to=[{string.Join(", ", To)}]");
        return string.Join(' ', parts);
    }
}

/// <summary>One failed expectation, printed as path:line with a diff of expected and actual.</summary>
public sealed record RuleTestFailure(SourceSpan Location, string Message, IReadOnlyList<string> Diff)
{
    public override string ToString() =>
        $"{Location.Path}:{Location.Line}: {Message}" + string.Concat(Diff.Select(d => Environment.NewLine + "    " + d));
}

public static class RuleTestVerdict
{
    /// <summary>Compares what was delivered with the test's expectations; empty when the test passes.</summary>
    public static List<RuleTestFailure> Check(RuleTestCase test, IReadOnlyList<DeliveredNotification> delivered)
    {
        var failures = new List<RuleTestFailure>();
        foreach (var expected in test.Expect)
        {
            if (delivered.Any(expected.Matches)) continue;
            var nearest = delivered.OrderByDescending(expected.Closeness).ThenBy(d => d.At).Take(3)
                .Where(d => expected.Closeness(d) > 0).Select(d => "+ actual:   " + d).ToList();
            failures.Add(new RuleTestFailure(expected.Location, "expected notification was not sent",
                ["- expected: " + expected, .. nearest.Count > 0 ? nearest : ["+ actual:   (nothing similar was sent)"]]));
        }
        foreach (var forbidden in test.ExpectNot)
        {
            var sent = delivered.Where(forbidden.Matches).ToList();
            if (sent.Count == 0) continue;
            failures.Add(new RuleTestFailure(forbidden.Location, "notification was sent but must not be",
                ["- expected: nothing matching " + forbidden, .. sent.Take(3).Select(d => "+ actual:   " + d)]));
        }
        return failures;
    }
}
