using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SciLiteracy.Compliance.Web.Html;

/// <summary>
/// Markup built from interpolated strings whose holes are HTML-encoded unless they are markup themselves:
/// unit names, notes and reasons come from people, and no page can forget to encode one.
/// </summary>
public sealed class HtmlText
{
    private readonly string markup;

    private HtmlText(string markup) => this.markup = markup;

    public static readonly HtmlText Empty = new("");

    /// <summary>Markup the code wrote itself, never text from a request or the rules.</summary>
    public static HtmlText Trusted(string markup) => new(markup);

    public static HtmlText Of(HtmlBuilder builder) => new(builder.ToString());

    public static HtmlText Join(IEnumerable<HtmlText> parts) => new(string.Concat(parts.Select(p => p.markup)));

    public override string ToString() => markup;
}

[InterpolatedStringHandler]
public ref struct HtmlBuilder
{
    // Chinese stays readable in the source; only what is markup (<, >, &, quotes) is encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder text;

    public HtmlBuilder(int literalLength, int formattedCount) => text = new StringBuilder(literalLength + formattedCount * 16);

    public void AppendLiteral(string literal) => text.Append(literal);

    public void AppendFormatted(HtmlText? markup) => text.Append(markup?.ToString());

    public void AppendFormatted<T>(T value) => text.Append(Encoder.Encode(value?.ToString() ?? ""));

    public override string ToString() => text.ToString();
}
