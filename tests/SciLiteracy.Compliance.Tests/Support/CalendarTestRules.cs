using Xunit;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>
/// A temporary rules directory holding copies of the repository's Xunwu pack and calendar data,
/// so that tests read the real data without depending on packs others are still writing.
/// </summary>
public sealed class CalendarTestRules : IDisposable
{
    private readonly TempDir temp = new();

    public CalendarTestRules(bool withXunwu = true, bool withCalendars = true)
    {
        if (withXunwu) temp.CopyFromRepo("rules/xunwu", "xunwu");
        if (withCalendars) temp.CopyFromRepo("rules/calendars", "calendars");
    }

    public string Directory => temp.Path;

    public string Write(string relativePath, string text)
    {
        var path = temp.File(relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public LoadResult Load() => RuleLoader.Load(Directory);

    public RuleSet LoadValid()
    {
        var result = Load();
        Assert.True(result.Rules is not null, string.Join("\n", result.Diagnostics));
        return result.Rules!;
    }

    /// <summary>The cn-mainland calendar from the repository's data.</summary>
    public static YearlyHolidayCalendar Mainland()
    {
        using var rules = new CalendarTestRules();
        return Assert.IsType<YearlyHolidayCalendar>(rules.LoadValid().Calendars["cn-mainland"]);
    }

    public static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    public void Dispose() => temp.Dispose();
}
