using System.Collections.Immutable;
using NodaTime;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.Loading;
using SciLiteracy.Compliance.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace SciLiteracy.Compliance.Rules.Calendars;

/// <summary>
/// Reads the working-day calendars under <c>calendars/</c> of a rules directory: one file per
/// calendar and year (<c>calendars/cn-mainland/2025.yaml</c>), so that a deployment adds a year by
/// adding a file. Problems go to the same diagnostics as the rule files'.
/// </summary>
public static class CalendarLoader
{
    public const string Folder = "calendars";
    private static readonly string[] FileKeys = ["version", "calendar", "year", "notice", "daysOff", "workingDays"];
    private static readonly string[] NoticeKeys = ["title", "number", "url"];
    private static readonly string[] DayKeys = ["date", "name"];

    /// <summary>Every calendar with data, by id. A calendar whose files have errors is still returned; the errors make the load fail.</summary>
    public static ImmutableDictionary<string, YearlyHolidayCalendar> Load(string rulesDirectory, DiagnosticBag diagnostics)
    {
        var data = new Dictionary<string, CalendarData>(StringComparer.Ordinal);
        foreach (var (fullPath, displayPath, folder) in CalendarFiles(rulesDirectory, diagnostics))
        {
            var node = YamlFile.Load(fullPath, displayPath, diagnostics);
            if (node is not null) ReadFile(node, displayPath, folder, diagnostics, data);
        }
        return data.ToImmutableDictionary(
            d => d.Key,
            d => new YearlyHolidayCalendar(d.Key, d.Value.Years.Keys, d.Value.Days.Values.Select(v => v.Day)),
            StringComparer.Ordinal);
    }

    private sealed class CalendarData
    {
        public Dictionary<int, SourceSpan> Years { get; } = [];
        public Dictionary<LocalDate, (ListedDay Day, SourceSpan At)> Days { get; } = [];
    }

    /// <summary>Calendar files in ordinal order of their path, each with the folder it sits in directly below calendars/ (null at the top).</summary>
    private static List<(string FullPath, string DisplayPath, string? Folder)> CalendarFiles(string rulesDirectory, DiagnosticBag diagnostics)
    {
        var result = new List<(string, string, string?)>();
        var root = Path.Combine(rulesDirectory, Folder);
        if (!Directory.Exists(root)) return result;
        try
        {
            foreach (var full in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true }))
            {
                if (!(full.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))) continue;
                var relative = Path.GetRelativePath(root, full).Replace('\\', '/');
                var segments = relative.Split('/');
                result.Add((full, RuleLoader.JoinDisplay(rulesDirectory, Folder + "/" + relative), segments.Length > 1 ? segments[0] : null));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(new SourceSpan(RuleLoader.JoinDisplay(rulesDirectory, Folder), 1, 1), $"cannot list the calendars folder: {e.Message}");
        }
        return result.OrderBy(f => f.Item2, StringComparer.Ordinal).ToList();
    }

    private static void ReadFile(YamlNode root, string path, string? folder, DiagnosticBag diagnostics, Dictionary<string, CalendarData> data)
    {
        var file = new MapReader(root, path, diagnostics, "a calendar file", FileKeys);
        if (!file.IsValid) return;

        var version = file.String("version", required: true);
        if (version is not null && version != "1")
            file.Error("version", $"unsupported calendar format version '{Nodes.Truncate(version)}'; this tool reads version 1");
        var id = file.Id("calendar", required: true);
        var misplaced = id is not null && folder is not null && folder != id;
        if (misplaced)
            file.Error("calendar", $"calendar '{id}' is in the folder {Folder}/{folder}/: a calendar's files live in {Folder}/{id}/");
        var year = file.Int("year", required: true, min: 1900, max: 9999);
        ReadNotice(file, year, diagnostics);

        var days = new Dictionary<LocalDate, (ListedDay Day, SourceSpan At)>();
        ReadDays(file, "daysOff", isWorkingDay: false, year, days, diagnostics);
        ReadDays(file, "workingDays", isWorkingDay: true, year, days, diagnostics);
        if (id is null || misplaced || year is not { } y) return;

        var calendar = data.TryGetValue(id, out var existing) ? existing : data[id] = new CalendarData();
        if (calendar.Years.TryGetValue(y, out var first))
        {
            file.Error("year", $"calendar '{id}' has {y} already (at {first}): one file per calendar and year");
            return;
        }
        calendar.Years[y] = file.SpanOf("year");
        foreach (var (date, day) in days) calendar.Days[date] = day;
    }

    private static void ReadNotice(MapReader file, int? year, DiagnosticBag diagnostics)
    {
        var node = file.Get("notice");
        if (node is null)
        {
            diagnostics.Error(file.Span, $"calendar year {year?.ToString() ?? "?"} names no notice: add 'notice:' with the title (and number and url) of the State Council notice its days come from");
            return;
        }
        var notice = new MapReader(node, file.Path, diagnostics, "the notice", NoticeKeys);
        if (!notice.IsValid) return;
        notice.String("title", required: true);
        notice.String("number");
        notice.String("url");
    }

    private static void ReadDays(MapReader file, string key, bool isWorkingDay, int? year,
        Dictionary<LocalDate, (ListedDay Day, SourceSpan At)> days, DiagnosticBag diagnostics)
    {
        var what = isWorkingDay ? "a working day" : "a day off";
        foreach (var item in file.List(key))
        {
            var entry = new MapReader(item, file.Path, diagnostics, $"{what} in '{key}'", DayKeys);
            if (!entry.IsValid) continue;
            var date = entry.Date("date", required: true);
            // A day off is a holiday and says which; a working day's name (the holiday it makes up for) is optional.
            var name = entry.String("name", required: !isWorkingDay);
            if (date is not { } d) continue;
            var at = entry.SpanOf("date");
            if (year is { } y && d.Year != y)
            {
                diagnostics.Error(at, $"{d:uuuu-MM-dd} is not in {y}: a calendar file lists the days of its own year only");
                continue;
            }
            if (days.TryGetValue(d, out var first))
            {
                diagnostics.Error(at, first.Day.IsWorkingDay == isWorkingDay
                    ? $"{d:uuuu-MM-dd} is listed twice (first at {first.At})"
                    : $"{d:uuuu-MM-dd} is listed both as {what} here and as {(first.Day.IsWorkingDay ? "a working day" : "a day off")} at {first.At}");
                continue;
            }
            days[d] = (new ListedDay(d, isWorkingDay, name), at);
        }
    }
}
