using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.Loading;
using SciLiteracy.Compliance.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace SciLiteracy.Compliance.Rules.RuleTests;

/// <summary>Reads rule test files (rules/&lt;jurisdiction&gt;/tests/*.yaml) with the same diagnostics as rule files.</summary>
public static class RuleTestReader
{
    private static readonly string[] FileKeys = ["version", "name", "window", "given", "expect", "expectNot"];
    private static readonly string[] WindowKeys = ["from", "to"];
    private static readonly string[] GivenKeys = ["submissions", "extensions", "progress"];
    private static readonly string[] SubmissionKeys = ["obligation", "unit", "period", "at", "by", "note"];
    private static readonly string[] ExtensionKeys = ["obligation", "unit", "period", "until", "reason"];
    private static readonly string[] ProgressKeys = ["target", "value", "asOf", "unit", "note", "at"];
    private static readonly string[] PatternKeys = ["obligation", "unit", "period", "kind", "step", "at", "to"];
    private static readonly string[] Kinds = ["remind", "urge", "escalate", "at-risk"];
    private static readonly LocalDateTimePattern AtPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    /// <summary>Every `tests/*.yaml` below the rules directory, in ordinal order of their display path.</summary>
    public static List<(string FullPath, string DisplayPath)> TestFiles(string rulesDirectory)
    {
        if (!Directory.Exists(rulesDirectory)) return [];
        return Directory.EnumerateFiles(rulesDirectory, "*.y*ml", SearchOption.AllDirectories)
            .Select(full => (full, relative: Path.GetRelativePath(rulesDirectory, full).Replace('\\', '/')))
            .Where(f => f.relative.Split('/')[..^1].Contains("tests"))
            .Select(f => (f.full, RuleLoader.JoinDisplay(rulesDirectory, f.relative)))
            .OrderBy(f => f.Item2, StringComparer.Ordinal)
            .ToList();
    }

    public static RuleTestCase? Read(string fullPath, string displayPath, DiagnosticBag diagnostics)
    {
        var root = YamlFile.Load(fullPath, displayPath, diagnostics);
        if (root is null) return null;
        var r = new MapReader(root, displayPath, diagnostics, "a rule test", FileKeys);
        if (!r.IsValid) return null;
        if (r.String("version", required: true) is { } v && v != "1") r.Error("version", $"unsupported rule test version '{v}'");
        var name = r.String("name", required: true);
        LocalDate? from = null, to = null;
        if (r.Required("window") is { } windowNode)
        {
            var w = new MapReader(windowNode, displayPath, diagnostics, "the window", WindowKeys);
            if (w.IsValid) { from = w.Date("from", required: true); to = w.Date("to", required: true); }
            if (from > to) w.Error("from", "the window starts after it ends");
        }
        var submissions = ImmutableArray.CreateBuilder<GivenSubmission>();
        var extensions = ImmutableArray.CreateBuilder<GivenExtension>();
        var progress = ImmutableArray.CreateBuilder<GivenProgress>();
        if (r.Get("given") is { } givenNode)
        {
            var g = new MapReader(givenNode, displayPath, diagnostics, "'given'", GivenKeys);
            foreach (var item in g.List("submissions"))
            {
                var s = new MapReader(item, displayPath, diagnostics, "a submission", SubmissionKeys);
                if (Key(s) is { } key && DateTime(s, "at", required: true) is { } at) submissions.Add(new GivenSubmission(key, at, s.Span));
            }
            foreach (var item in g.List("extensions"))
            {
                var e = new MapReader(item, displayPath, diagnostics, "an extension", ExtensionKeys);
                var key = Key(e);
                var until = e.Date("until", required: true);
                var reason = e.String("reason", required: true);
                if (key is not null && until is not null && reason is not null) extensions.Add(new GivenExtension(key.Value, until.Value, reason, e.Span));
            }
            foreach (var item in g.List("progress"))
            {
                var p = new MapReader(item, displayPath, diagnostics, "a progress record", ProgressKeys);
                var target = p.String("target", required: true);
                var value = p.Decimal("value", required: true);
                var asOf = p.Date("asOf", required: true);
                var recordedAt = DateTime(p, "at");
                if (target is not null && value is not null && asOf is not null) progress.Add(new GivenProgress(target, value.Value, asOf.Value, p.String("unit"), p.Span, recordedAt));
            }
        }
        var expect = r.List("expect").Select(n => Pattern(n, displayPath, diagnostics)).OfType<NotificationPattern>().ToImmutableArray();
        var expectNot = r.List("expectNot").Select(n => Pattern(n, displayPath, diagnostics)).OfType<NotificationPattern>().ToImmutableArray();
        if (name is null || from is null || to is null) return null;
        return new RuleTestCase(name, r.Span, from.Value, to.Value, submissions.ToImmutable(), extensions.ToImmutable(), progress.ToImmutable(), expect, expectNot);
    }

    private static OccurrenceKey? Key(MapReader r)
    {
        if (!r.IsValid) return null;
        var obligation = r.String("obligation", required: true);
        var unit = r.String("unit", required: true);
        var period = r.String("period", required: true);
        return obligation is null || unit is null || period is null ? null : new OccurrenceKey(obligation, unit, period);
    }

    private static LocalDateTime? DateTime(MapReader r, string key, bool required = false)
    {
        var text = r.String(key, required);
        if (text is null) return null;
        var parsed = AtPattern.Parse(text);
        if (parsed.Success) return parsed.Value;
        r.Error(key, $"'{Nodes.Truncate(text)}' is not a local date and time; expected YYYY-MM-DDTHH:mm, e.g. \"2025-12-05T09:00\"");
        return null;
    }

    private static NotificationPattern? Pattern(YamlNode node, string path, DiagnosticBag diagnostics)
    {
        var p = new MapReader(node, path, diagnostics, "an expected notification", PatternKeys);
        if (!p.IsValid) return null;
        var kind = p.Choice("kind", Kinds) is { } k ? Enum.GetValues<NotificationKind>().Single(n => NotificationKinds.Name(n) == k) : (NotificationKind?)null;
        var to = p.Has("to") ? p.Strings("to").Select(t => t.Text).ToImmutableArray() : (ImmutableArray<string>?)null;
        return new NotificationPattern(p.String("obligation"), p.String("unit"), p.String("period"), kind,
            p.Int("step", min: 1), DateTime(p, "at"), to, p.Span);
    }
}
