using System.Globalization;
using NodaTime;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Rules.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace SciLiteracy.Compliance.Rules.Yaml;

/// <summary>
/// Reads one YAML mapping against a fixed set of keys: unknown keys, missing keys and wrong types
/// are reported where they stand, and reads never throw.
/// </summary>
public sealed class MapReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries = new(StringComparer.Ordinal);
    private readonly DiagnosticBag diagnostics;
    private readonly string what;

    public MapReader(YamlNode node, string path, DiagnosticBag diagnostics, string what, IReadOnlyCollection<string> allowedKeys)
    {
        Node = node;
        Path = path;
        this.diagnostics = diagnostics;
        this.what = what;
        if (node is not YamlMappingNode mapping)
        {
            diagnostics.Error(Span, $"{what} must be a mapping of keys, found {Nodes.Describe(node)}");
            return;
        }
        IsValid = true;
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                diagnostics.Error(At(keyNode), $"keys of {what} must be plain names");
                continue;
            }
            if (!allowedKeys.Contains(key))
            {
                diagnostics.Error(At(keyNode), $"unknown key '{Nodes.Truncate(key)}' in {what}{DidYouMean.Hint(key, allowedKeys)}");
                continue;
            }
            entries[key] = (scalarKey, value);
        }
    }

    public YamlNode Node { get; }
    public string Path { get; }
    public bool IsValid { get; }
    public SourceSpan Span => At(Node);
    public SourceSpan At(YamlNode node) => Nodes.At(node, Path);

    public bool Has(string key) => entries.ContainsKey(key);
    public YamlNode? Get(string key) => entries.TryGetValue(key, out var e) ? e.Value : null;
    public SourceSpan SpanOf(string key) => entries.TryGetValue(key, out var e) ? At(e.Value) : Span;
    public void Error(string key, string message) => diagnostics.Error(SpanOf(key), message);

    public YamlNode? Required(string key)
    {
        if (!IsValid) return null;
        var node = Get(key);
        if (node is null) diagnostics.Error(Span, $"{what} is missing required key '{key}'");
        return node;
    }

    public string? String(string key, bool required = false)
    {
        var node = required ? Required(key) : Get(key);
        if (node is null) return null;
        if (node is not YamlScalarNode scalar)
        {
            diagnostics.Error(At(node), $"'{key}' of {what} must be text, found {Nodes.Describe(node)}");
            return null;
        }
        if (string.IsNullOrWhiteSpace(scalar.Value))
        {
            diagnostics.Error(At(node), $"'{key}' of {what} is empty");
            return null;
        }
        return scalar.Value.Trim();
    }

    public string? Id(string key, bool required = false, bool allowDots = false)
    {
        var value = String(key, required);
        if (value is null) return null;
        if (!IsId(value, allowDots))
        {
            Error(key, $"'{Nodes.Truncate(value)}' is not a valid id: use lower-case letters, digits and '-'{(allowDots ? ", '.'" : "")}");
            return null;
        }
        return value;
    }

    public static bool IsId(string value, bool allowDots) =>
        value.Length is > 0 and <= 100 && char.IsAsciiLetterOrDigit(value[0])
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-' || (allowDots && c == '.'));

    public int? Int(string key, bool required = false, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(key, $"'{key}' of {what} must be a whole number, found '{Nodes.Truncate(text)}'");
            return null;
        }
        if (value < min || value > max)
        {
            Error(key, $"'{key}' of {what} must be between {min} and {max}, found {value}");
            return null;
        }
        return value;
    }

    public decimal? Decimal(string key, bool required = false)
    {
        var text = String(key, required);
        if (text is null) return null;
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            Error(key, $"'{key}' of {what} must be a number, found '{Nodes.Truncate(text)}'");
            return null;
        }
        return value;
    }

    public bool? Bool(string key)
    {
        var text = String(key);
        if (text is null) return null;
        switch (text)
        {
            case "true": return true;
            case "false": return false;
            default:
                Error(key, $"'{key}' of {what} must be true or false, found '{Nodes.Truncate(text)}'");
                return null;
        }
    }

    public LocalDate? Date(string key, bool required = false)
    {
        var text = String(key, required);
        return text is null ? null : Nodes.ParseDate(text, m => Error(key, m));
    }

    public LocalTime? Time(string key)
    {
        var text = String(key);
        return text is null ? null : Nodes.ParseTime(text, m => Error(key, m));
    }

    /// <summary>One of the allowed words (case-insensitive), as written in the rule file.</summary>
    public string? Choice(string key, IReadOnlyCollection<string> choices, bool required = false)
    {
        var text = String(key, required);
        if (text is null) return null;
        var match = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
            Error(key, $"'{key}' of {what} must be one of {string.Join(", ", choices)}; found '{Nodes.Truncate(text)}'{DidYouMean.Hint(text, choices)}");
        return match;
    }

    /// <summary>A list (a single scalar counts as a one-item list when <paramref name="allowScalar"/>).</summary>
    public IReadOnlyList<YamlNode> List(string key, bool required = false, bool allowScalar = false)
    {
        var node = required ? Required(key) : Get(key);
        switch (node)
        {
            case null: return [];
            case YamlSequenceNode sequence: return sequence.Children.ToList();
            case YamlScalarNode { Value: { Length: > 0 } } when allowScalar: return [node];
            default:
                diagnostics.Error(At(node), $"'{key}' of {what} must be a list, found {Nodes.Describe(node)}");
                return [];
        }
    }

    /// <summary>The texts of a list of scalars (or of one scalar), each with its node.</summary>
    public IReadOnlyList<(string Text, YamlNode Node)> Strings(string key, bool required = false)
    {
        var result = new List<(string, YamlNode)>();
        foreach (var item in List(key, required, allowScalar: true))
        {
            if (item is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v)) result.Add((v.Trim(), item));
            else diagnostics.Error(At(item), $"items of '{key}' in {what} must be text, found {Nodes.Describe(item)}");
        }
        return result;
    }
}
