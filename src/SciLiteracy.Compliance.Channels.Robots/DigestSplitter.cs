using System.Globalization;
using System.Text;

namespace SciLiteracy.Compliance.Channels.Robots;

/// <summary>
/// Splits a text that exceeds a platform's size into parts that fit, at item boundaries: between paragraphs (a digest's
/// items are paragraphs), else between lines (a summary's rows are lines), and only a single line longer than a whole part
/// between characters. Nothing is cut off: every character is in exactly one part, in order; only the line breaks at a
/// boundary become the boundary.
/// </summary>
public static class DigestSplitter
{
    private const string Paragraph = "\n\n";
    private const string Line = "\n";

    /// <summary>The parts of <paramref name="text"/>; <paramref name="fits"/> says whether a part, as it would be sent, fits.</summary>
    public static IReadOnlyList<string> Split(string text, Func<string, bool> fits)
    {
        var pieces = new List<(string Separator, string Text)>();
        foreach (var paragraph in text.Split(Paragraph))
            Pieces(paragraph, pieces.Count == 0 ? "" : Paragraph, fits, pieces);
        var parts = new List<string>();
        var current = new StringBuilder();
        foreach (var (separator, piece) in pieces)
        {
            if (current.Length > 0 && !fits(current + separator + piece))
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else current.Append(separator);
            current.Append(piece);
        }
        if (current.Length > 0 || parts.Count == 0) parts.Add(current.ToString());
        return parts;
    }

    /// <summary>A paragraph as one piece when it fits on its own, else its lines, and a line too long for any part its characters.</summary>
    private static void Pieces(string paragraph, string separator, Func<string, bool> fits, List<(string, string)> pieces)
    {
        if (fits(paragraph))
        {
            pieces.Add((separator, paragraph));
            return;
        }
        foreach (var line in paragraph.Split(Line))
        {
            if (fits(line)) pieces.Add((separator, line));
            else
            {
                var elements = StringInfo.GetTextElementEnumerator(line);
                var first = true;
                while (elements.MoveNext())
                {
                    pieces.Add((first ? separator : "", elements.GetTextElement()));
                    first = false;
                }
            }
            separator = Line;
        }
    }
}
