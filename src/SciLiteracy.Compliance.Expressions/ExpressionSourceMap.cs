using SciLiteracy.Compliance.Domain.Obligations;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>
/// Maps a position inside an expression's text back to line and column in its rule file, undoing YAML quoting
/// (\" and \\ in double quotes, '' in single quotes) and following block scalars over their lines.
/// </summary>
public static class ExpressionSourceMap
{
    public static SourceSpan Locate(ConditionExpression condition, int index)
    {
        var start = condition.Location;
        index = Math.Clamp(index, 0, condition.Text.Length);
        var lines = ReadLines(start.Path);
        if (lines is null || start.Line < 1 || start.Line > lines.Length) return Approximate(condition, index);
        var line = lines[start.Line - 1];
        var column = start.Column - 1;
        var quote = column >= 1 && column - 1 < line.Length ? line[column - 1] : '\0';
        if (column < line.Length && line[column] is '|' or '>') return InBlock(condition, lines, index);
        if (condition.Text[..index].Contains('\n')) return Approximate(condition, index);

        // Walk the raw text character by character until `index` characters of the expression are behind.
        var raw = column;
        for (var consumed = 0; consumed < index && raw < line.Length; consumed++)
            raw += quote switch
            {
                '"' when line[raw] == '\\' && raw + 1 < line.Length => line[raw + 1] switch { 'x' => 4, 'u' => 6, 'U' => 10, _ => 2 },
                '\'' when line[raw] == '\'' => 2,
                _ => 1,
            };
        return start with { Column = raw + 1 };
    }

    private static SourceSpan InBlock(ConditionExpression condition, string[] lines, int index)
    {
        // A block scalar's text starts on the next line, at that line's indentation.
        var before = condition.Text[..index];
        var lineOffset = before.Count(c => c == '\n');
        var lineNumber = condition.Location.Line + 1 + lineOffset;
        // The block's indentation is that of its first line; deeper indentation on later lines is part of the text.
        var first = condition.Location.Line < lines.Length ? lines[condition.Location.Line] : "";
        var indent = first.Length - first.TrimStart().Length;
        return condition.Location with { Line = lineNumber, Column = indent + index - (before.LastIndexOf('\n') + 1) + 1 };
    }

    private static SourceSpan Approximate(ConditionExpression condition, int index)
    {
        var before = condition.Text[..index];
        var newlines = before.Count(c => c == '\n');
        return newlines == 0
            ? condition.Location with { Column = condition.Location.Column + index }
            : condition.Location with { Line = condition.Location.Line + newlines, Column = index - before.LastIndexOf('\n') };
    }

    private static string[]? ReadLines(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllLines(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
