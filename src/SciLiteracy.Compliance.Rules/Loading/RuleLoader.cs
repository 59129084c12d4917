using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Rules.Calendars;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.Yaml;
using YamlDotNet.RepresentationModel;

namespace SciLiteracy.Compliance.Rules.Loading;

/// <summary>
/// Loads every rule file under a directory into one validated rule set. All problems are
/// collected and reported together; nothing here throws on bad input.
/// </summary>
public static class RuleLoader
{
    /// <summary>Folders below the rules directory that hold other things than rule files.</summary>
    /// <summary>The folder of the rules directory that holds the message templates.</summary>
    public const string TemplatesFolder = "templates";

    public static readonly IReadOnlyList<string> NonRuleFolders = [TemplatesFolder, "calendars", "tests"];

    public static LoadResult Load(string rulesDirectory)
    {
        var diagnostics = new DiagnosticBag();
        var root = new SourceSpan(rulesDirectory, 1, 1);
        if (!Directory.Exists(rulesDirectory))
        {
            diagnostics.Error(root, File.Exists(rulesDirectory)
                ? "not a directory: --rules takes the directory that holds the rule files"
                : "rules directory not found");
            return new LoadResult(null, diagnostics.ToImmutable(), 0);
        }

        var files = RuleFiles(rulesDirectory, diagnostics);
        if (files.Count == 0 && !diagnostics.HasErrors)
            diagnostics.Error(root, "no rule files (*.yaml, *.yml) in this directory");

        var entries = new List<FileEntry>();
        var brokenFiles = new List<(string FullPath, int Error)>();
        foreach (var (fullPath, displayPath) in files)
        {
            var before = diagnostics.Count;
            var node = YamlFile.Load(fullPath, displayPath, diagnostics);
            if (node is not null) FileSections.Read(node, displayPath, diagnostics, entries);
            if (diagnostics.FirstErrorFrom(before) is var error and >= 0) brokenFiles.Add((fullPath, error));
        }
        var templates = TemplateNames(rulesDirectory);
        // Calendars are read on every load, so that a reload picks up a newly added year.
        var calendars = CalendarLoader.Load(rulesDirectory, diagnostics);
        var resolver = new RuleResolver(diagnostics, templates, calendars) { BrokenFiles = brokenFiles };
        var rules = resolver.Resolve(entries);
        var all = diagnostics.ToImmutable();
        return new LoadResult(diagnostics.HasErrors ? null : rules, all, files.Count) { Conditions = [.. resolver.Conditions] };
    }

    /// <summary>Rule files in ordinal order of their relative path, shown as the directory as given joined with that path.</summary>
    public static List<(string FullPath, string DisplayPath)> RuleFiles(string rulesDirectory, DiagnosticBag diagnostics)
    {
        var result = new List<(string, string)>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        try
        {
            foreach (var full in Directory.EnumerateFiles(rulesDirectory, "*", options))
            {
                if (!(full.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || full.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))) continue;
                var relative = Path.GetRelativePath(rulesDirectory, full).Replace('\\', '/');
                var segments = relative.Split('/');
                if (NonRuleFolders.Contains(segments[0]) || segments[..^1].Contains("tests")) continue;
                result.Add((full, JoinDisplay(rulesDirectory, relative)));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(new SourceSpan(rulesDirectory, 1, 1), $"cannot list the rules directory: {e.Message}");
        }
        return result.OrderBy(f => f.Item2, StringComparer.Ordinal).ToList();
    }

    public static string JoinDisplay(string directory, string relative) =>
        directory.EndsWith('/') ? directory + relative : directory + "/" + relative;

    /// <summary>Template names available under templates/: the file name up to its first dot.</summary>
    public static HashSet<string> TemplateNames(string rulesDirectory)
    {
        var folder = Path.Combine(rulesDirectory, TemplatesFolder);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(folder)) return names;
        try
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.hbs"))
                names.Add(Path.GetFileName(file).Split('.')[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable templates folder leaves no names, and every reference to one is then reported.
        }
        return names;
    }
}

/// <summary>One entry of a rule file's section, with the jurisdiction the file says it belongs to and the file-wide plan (obligations only).</summary>
internal sealed record FileEntry(string Section, YamlNode Node, string Path, string? JurisdictionId, YamlNode? JurisdictionNode)
{
    public YamlScalarNode? FilePlan { get; init; }
}

/// <summary>Splits a rule file into its top-level sections.</summary>
internal static class FileSections
{
    public static readonly string[] Keys = ["version", "jurisdiction", "plan", "plans", "units", "groups", "people", "ladders", "obligations"];
    public static readonly string[] ListSections = ["plans", "units", "groups", "people", "ladders", "obligations"];

    public static void Read(YamlNode root, string path, DiagnosticBag diagnostics, List<FileEntry> entries)
    {
        var file = new MapReader(root, path, diagnostics, "a rule file", Keys);
        if (!file.IsValid) return;

        var version = file.String("version", required: true);
        if (version is not null && version != "1")
            file.Error("version", $"unsupported rule format version '{Nodes.Truncate(version)}'; this tool reads version 1");

        string? jurisdictionId = null;
        var jurisdictionNode = file.Get("jurisdiction");
        switch (jurisdictionNode)
        {
            case YamlMappingNode:
                entries.Add(new FileEntry("jurisdiction", jurisdictionNode, path, null, null));
                jurisdictionId = (jurisdictionNode as YamlMappingNode)!.Children
                    .FirstOrDefault(c => c.Key is YamlScalarNode { Value: "id" }).Value is YamlScalarNode { Value: { } id } ? id.Trim() : null;
                break;
            case YamlScalarNode { Value: { Length: > 0 } reference }:
                jurisdictionId = reference.Trim();
                break;
            case null:
                break;
            default:
                diagnostics.Error(file.SpanOf("jurisdiction"), "'jurisdiction' must be a jurisdiction id or a jurisdiction definition (a mapping)");
                break;
        }

        // A file-wide 'plan: <id>' binds every obligation of the file (an obligation's own 'plan' wins).
        YamlScalarNode? filePlan = null;
        if (file.Get("plan") is { } planNode)
        {
            if (planNode is YamlScalarNode { Value: { Length: > 0 } } scalar) filePlan = scalar;
            else diagnostics.Error(file.SpanOf("plan"), "'plan' must be the id of a plan of the jurisdiction");
            if (!file.Has("obligations"))
                diagnostics.Error(file.SpanOf("plan"), "a file-wide 'plan' binds the obligations of its file, and this file has none");
        }

        foreach (var section in ListSections)
        {
            var items = file.List(section);
            if (items.Count > 0 && jurisdictionNode is null)
            {
                diagnostics.Error(file.SpanOf(section), $"'{section}' needs the file to say which jurisdiction it belongs to: add 'jurisdiction: <id>'");
                continue;
            }
            foreach (var item in items)
                entries.Add(new FileEntry(section, item, path, jurisdictionId, jurisdictionNode) { FilePlan = section == "obligations" ? filePlan : null });
        }
    }
}
