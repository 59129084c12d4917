using System.Globalization;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Rules.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace SciLiteracy.Compliance.Rules.Yaml;

/// <summary>Typed reads of YAML nodes that report what is wrong at the node's own line and column.</summary>
public static class Nodes
{
    public static SourceSpan At(YamlNode node, string path) =>
        new(path, Math.Max(1, (int)node.Start.Line), Math.Max(1, (int)node.Start.Column));

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when string.IsNullOrEmpty(s.Value) => "nothing",
        YamlScalarNode s => $"'{Truncate(s.Value!)}'",
        _ => "an unknown node",
    };

    public static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuu-MM-dd");
    private static readonly LocalTimePattern[] TimePatterns =
        [LocalTimePattern.CreateWithInvariantCulture("HH:mm"), LocalTimePattern.CreateWithInvariantCulture("HH:mm:ss")];
    private static readonly string[] MonthNames = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static LocalDate? ParseDate(string text, Action<string> error)
    {
        var result = DatePattern.Parse(text);
        if (result.Success) return result.Value;
        var parts = text.Split('-');
        if (parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)) && parts[0].Length == 4
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var m) && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var d))
        {
            var y = int.Parse(parts[0], CultureInfo.InvariantCulture);
            if (m is < 1 or > 12) error($"impossible date '{text}': there is no month {m}");
            else if (d >= 1 && d <= CalendarSystem.Iso.GetDaysInMonth(y, m))
                // A real date, only not padded (2027-3-15): say how to write it.
                error(string.Create(CultureInfo.InvariantCulture, $"'{text}' is not written as YYYY-MM-DD: write {y:D4}-{m:D2}-{d:D2}"));
            else error($"impossible date '{text}': {MonthNames[m]} {y} has {CalendarSystem.Iso.GetDaysInMonth(y, m)} days, not {d}");
        }
        else error($"'{Truncate(text)}' is not a date; expected YYYY-MM-DD");
        return null;
    }

    /// <summary>A month-day such as "12-20"; 02-29 is allowed and falls on 02-28 in common years.</summary>
    public static AnnualDate? ParseAnnualDate(string text, Action<string> error)
    {
        var parts = text.Split('-');
        if (parts.Length != 2 || parts.Any(p => p.Length is 0 or > 2 || !p.All(char.IsAsciiDigit)))
        {
            error($"'{Truncate(text)}' is not a month-day; expected MM-DD, e.g. \"12-20\"");
            return null;
        }
        var month = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var day = int.Parse(parts[1], CultureInfo.InvariantCulture);
        if (month is < 1 or > 12) { error($"impossible date '{text}': there is no month {month}"); return null; }
        var max = CalendarSystem.Iso.GetDaysInMonth(2024, month); // a leap year: the most days a month can have
        if (day < 1 || day > max) { error($"impossible date '{text}': {MonthNames[month]} has at most {max} days"); return null; }
        return new AnnualDate(month, day);
    }

    public static LocalTime? ParseTime(string text, Action<string> error)
    {
        foreach (var pattern in TimePatterns)
            if (pattern.Parse(text) is { Success: true } r) return r.Value;
        error($"'{Truncate(text)}' is not a time of day; expected HH:mm, e.g. \"09:00\"");
        return null;
    }
}
