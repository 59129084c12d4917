using SciLiteracy.Compliance.Tests.Support;

namespace SciLiteracy.Compliance.Tests.PlanPeriods;

/// <summary>
/// The plan-period fixture (PlanPeriods/Fixture): a county whose 2021–2025 plan has ended, with plan-bound and standing
/// duties, copied with the repository's templates and calendars (2021–2026: no 2027 data) into a temp folder.
/// </summary>
public static class PlanRules
{
    public static string FixtureRoot => Path.Combine(AppContext.BaseDirectory, "PlanPeriods", "Fixture");

    /// <summary>DIR/rules with the county pack, templates and the shipped calendars; DIR/seeds with the county's plan text.</summary>
    public static string Write(TempDir temp)
    {
        var rules = temp["rules"];
        Copy(Path.Combine(FixtureRoot, "rules"), rules);
        Copy(Path.Combine(Repo.Root, "rules", "templates"), Path.Combine(rules, "templates"));
        Copy(Path.Combine(Repo.Root, "rules", "calendars"), Path.Combine(rules, "calendars"));
        Copy(Path.Combine(FixtureRoot, "seeds"), temp["seeds"]);
        return rules;
    }

    /// <summary>Adds the 2027 calendar fixture (a made-up holiday notice for tests; the real one is not yet published).</summary>
    public static void Add2027Calendar(string rules) =>
        File.Copy(Path.Combine(FixtureRoot, "calendar-2027.yaml"), Path.Combine(rules, "calendars", "cn-mainland", "2027.yaml"));

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
