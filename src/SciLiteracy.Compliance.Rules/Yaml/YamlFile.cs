using System.Text;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Rules.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SciLiteracy.Compliance.Rules.Yaml;

/// <summary>Reads one YAML file into a node tree, turning every way it can fail into a diagnostic.</summary>
public static class YamlFile
{
    // Rule files are small; anything bigger is a mistake (a log, a database) and is refused before parsing.
    public const long MaxBytes = 4 * 1024 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// "UTF-16 LE" or "UTF-16 BE" for a file saved so (Windows editors' "Unicode"): by its byte-order mark, or without one by
    /// a NUL in every other byte of its start, as ASCII YAML keys give; null otherwise.
    /// </summary>
    private static string? Utf16Name(byte[] bytes)
    {
        if (bytes is [0xFF, 0xFE, ..]) return "UTF-16 LE";
        if (bytes is [0xFE, 0xFF, ..]) return "UTF-16 BE";
        var pairs = Math.Min(bytes.Length / 2, 64);
        if (pairs < 2) return null;
        var odd = Enumerable.Range(0, pairs).All(i => bytes[2 * i + 1] == 0 && bytes[2 * i] != 0);
        var even = Enumerable.Range(0, pairs).All(i => bytes[2 * i] == 0 && bytes[2 * i + 1] != 0);
        return odd ? "UTF-16 LE" : even ? "UTF-16 BE" : null;
    }

    /// <summary>The single document's root node, or null with the reasons in <paramref name="diagnostics"/>.</summary>
    public static YamlNode? Load(string fullPath, string displayPath, DiagnosticBag diagnostics)
    {
        var start = new SourceSpan(displayPath, 1, 1);
        string text;
        try
        {
            var info = new FileInfo(fullPath);
            if (info.Length > MaxBytes)
            {
                diagnostics.Error(start, $"file is too large for a rule file ({info.Length} bytes; at most {MaxBytes})");
                return null;
            }
            var bytes = File.ReadAllBytes(fullPath);
            if (Utf16Name(bytes) is { } encoding)
            {
                diagnostics.Error(start, $"the file is {encoding} text; rule files are UTF-8 YAML (save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8)");
                return null;
            }
            if (Array.IndexOf(bytes, (byte)0) >= 0)
            {
                diagnostics.Error(start, "not a text file (it contains NUL bytes); rule files are UTF-8 YAML");
                return null;
            }
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Error(start, "not valid UTF-8 text; rule files are UTF-8 YAML");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(start, $"cannot read file: {e.Message}");
            return null;
        }
        return Parse(text, displayPath, diagnostics);
    }

    public static YamlNode? Parse(string text, string displayPath, DiagnosticBag diagnostics)
    {
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (TabsInIndentation(text, displayPath, diagnostics)) return null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var at = new SourceSpan(displayPath, Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column));
            diagnostics.Error(at, $"YAML syntax error: {Describe(e)}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner fails on some malformed input (an unclosed [ or { at the end of the file)
            // with exceptions that carry no position; find one by scanning the tokens again.
            var (at, message) = Locate(text, displayPath, e);
            diagnostics.Error(at, $"YAML syntax error: {message}");
            return null;
        }
        if (stream.Documents.Count == 0)
        {
            diagnostics.Error(new SourceSpan(displayPath, 1, 1), "empty rule file: expected a mapping starting with 'version: 1'");
            return null;
        }
        if (stream.Documents.Count > 1)
            diagnostics.Error(Nodes.At(stream.Documents[1].RootNode, displayPath), "a rule file holds one YAML document; found another here");
        return stream.Documents[0].RootNode;
    }

    /// <summary>
    /// YAML indents with spaces only. YamlDotNet refuses a tab in some indentation (without a position) and accepts it in
    /// others (a continuation line of a flow mapping): every line whose indentation holds a tab is an error here, at the tab.
    /// </summary>
    private static bool TabsInIndentation(string text, string displayPath, DiagnosticBag diagnostics)
    {
        var found = false;
        var line = 1;
        for (var start = 0; start < text.Length; line++)
        {
            var end = text.IndexOf('\n', start);
            if (end < 0) end = text.Length;
            var column = start;
            while (column < end && text[column] is ' ' or '\t') column++;
            var tab = text.IndexOf('\t', start, column - start);
            if (tab >= 0 && column < end && text[column] != '\r')
            {
                diagnostics.Error(new SourceSpan(displayPath, line, tab - start + 1), "tab in indentation: YAML indents with spaces only");
                found = true;
            }
            start = end + 1;
        }
        return found;
    }

    private static (SourceSpan At, string Message) Locate(string text, string displayPath, Exception error)
    {
        var open = new Stack<YamlDotNet.Core.Tokens.Token>();
        var last = new SourceSpan(displayPath, 1, 1);
        try
        {
            var scanner = new Scanner(new StringReader(text));
            while (scanner.MoveNext())
            {
                var token = scanner.Current!;
                last = new SourceSpan(displayPath, Math.Max(1, (int)token.Start.Line), Math.Max(1, (int)token.Start.Column));
                switch (token)
                {
                    case YamlDotNet.Core.Tokens.FlowSequenceStart or YamlDotNet.Core.Tokens.FlowMappingStart: open.Push(token); break;
                    case YamlDotNet.Core.Tokens.FlowSequenceEnd or YamlDotNet.Core.Tokens.FlowMappingEnd when open.Count > 0: open.Pop(); break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            if (open.Count > 0)
            {
                var start = open.Peek().Start;
                var bracket = open.Peek() is YamlDotNet.Core.Tokens.FlowSequenceStart ? "[" : "{";
                return (new SourceSpan(displayPath, Math.Max(1, (int)start.Line), Math.Max(1, (int)start.Column)),
                    $"'{bracket}' opened here is never closed");
            }
        }
        return (last, error.Message);
    }

    private static string Describe(YamlException e)
    {
        var message = e.InnerException is YamlException inner && !string.IsNullOrWhiteSpace(inner.Message) ? inner.Message : e.Message;
        // YamlDotNet prefixes messages with "(Line: …, Col: …, Idx: …) - (…): "; the location is printed already.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line", StringComparison.Ordinal) && cut >= 0) message = message[(cut + 3)..];
        return message.Trim();
    }
}
