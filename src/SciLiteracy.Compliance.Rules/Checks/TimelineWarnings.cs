using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Domain.Plans;
using SciLiteracy.Compliance.Rules.Diagnostics;

namespace SciLiteracy.Compliance.Rules.Checks;

/// <summary>
/// Warnings that depend on today (the caller's clock) and on the seeds folder, not on the rule files alone: a plan ended
/// with no successor, nothing planned ahead, due dates in a year without holiday data, a cited seed file that is missing.
/// `validate` prints them with the loader's diagnostics; silence must not look like compliance.
/// </summary>
public static class TimelineWarnings
{
    /// <summary>How far ahead a jurisdiction is expected to have something due.</summary>
    public const int QuietDays = 90;

    /// <summary>How far ahead due dates are checked against the holiday data (reminders go out weeks before a due date).</summary>
    public const int HolidayLookAheadDays = 365;

    public static IReadOnlyList<Diagnostic> Check(RuleSet rules, LocalDate today, string? seedsDirectory)
    {
        var bag = new DiagnosticBag();
        var planner = new Planner(rules);
        foreach (var directory in rules.Directories.Values.OrderBy(d => d.Jurisdiction.Id, StringComparer.Ordinal))
        {
            var j = directory.Jurisdiction;
            var at = j.DefinedAt ?? new SourceSpan(j.Id, 1, 1);
            if (PlanLifecycle.EndedWithoutSuccessor(rules, j.Id, today) is { } ended)
                bag.Warning(ended.Location,
                    $"plan '{ended.Id}' of {j.Id} ended on {ended.To:uuuu-MM-dd} and no successor plan is entered: its plan-bound duties plan nothing after it " +
                    $"(add the successor's plan and obligations, e.g. with `scilit rollover --jurisdiction {j.Id} --plan {ended.Id}`)");

            var ahead = planner.Occurrences(today, today.PlusDays(QuietDays - 1), j.Id).ToList();
            if (ahead.Count == 0)
                bag.Warning(at, $"nothing is due for {j.Id} in the next {QuietDays} days ({today:uuuu-MM-dd} to {today.PlusDays(QuietDays - 1):uuuu-MM-dd}): no reminder will be sent");

            var unconfirmed = UnconfirmedDueDates.Of(planner, j.Id, today, today.PlusDays(HolidayLookAheadDays))
                .GroupBy(o => (o.Obligation, o.NominalDue.Year));
            foreach (var group in unconfirmed.OrderBy(g => g.Key.Obligation.Location.Path, StringComparer.Ordinal).ThenBy(g => g.Key.Obligation.Location.Line).ThenBy(g => g.Key.Year))
            {
                var dates = group.Select(o => o.NominalDue).Distinct().Order().ToList();
                bag.Warning(group.Key.Obligation.Location,
                    $"{group.Key.Obligation.Id} falls due on {dates[0]:uuuu-MM-dd}{(dates.Count > 1 ? $" and {dates.Count - 1} more date(s)" : "")} in {group.Key.Year}, " +
                    $"a year without holiday data for calendar '{j.CalendarId}': working days count by weekends only and each such date is marked " +
                    $"{UnconfirmedDueDates.Mark} until calendars/{j.CalendarId}/{group.Key.Year}.yaml is added");
            }
        }

        if (seedsDirectory is not null)
            foreach (var (source, owner) in Sources(rules))
                if (source.File is { } file && !File.Exists(Path.Combine(seedsDirectory, file)))
                    bag.Warning(source.FileLocation ?? owner, $"source file '{file}' does not exist in the seeds folder {seedsDirectory}");
        return bag.ToImmutable();
    }

    private static IEnumerable<(SourceCitation Source, SourceSpan Owner)> Sources(RuleSet rules) =>
        rules.Plans.Select(p => (p.Source, p.Location)).Concat(rules.Obligations.Select(o => (o.Source, o.Location)));

    /// <summary>The seeds folder beside the rules directory (rules/../seeds), else ../shared/seeds beside the repository; null when neither exists.</summary>
    public static string? FindSeeds(string rulesDirectory)
    {
        var full = Path.GetFullPath(rulesDirectory);
        var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar));
        if (parent is null) return null;
        foreach (var candidate in new[] { Path.Combine(parent, "seeds"), Path.Combine(parent, "..", "shared", "seeds") })
            if (System.IO.Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        return null;
    }
}
