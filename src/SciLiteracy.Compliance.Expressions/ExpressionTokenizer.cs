using System.Globalization;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>The tokens of one expression, with each parenthesis's partner (-1 when unbalanced).</summary>
public sealed record TokenizedExpression(IReadOnlyList<ExpressionToken> Tokens, IReadOnlyList<int> Partner);

/// <summary>
/// Splits a rule expression into tokens in one loop, enforcing <see cref="ExpressionLimits"/> as it goes, so that the
/// first token past a bound is reported without reading further and nothing recursive has seen the text yet.
/// Comments are dropped. Every character ends up in some token: what is not allowed is refused later, by name.
/// </summary>
public static class ExpressionTokenizer
{
    // Longest first, so that `<<=` is not read as `<` `<=`.
    private static readonly string[] Operators =
    [
        "<<=", ">>=", "??=", "&&", "||", "==", "!=", "<=", ">=", "=>", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=",
        "&=", "|=", "^=", "<<", ">>", "::", "->",
        "+", "-", "*", "/", "%", "<", ">", "!", "?", ":", "(", ")", ",", ".", "=", "&", "|", "^", "~", "[", "]", "{", "}", ";",
    ];

    public static TokenizedExpression? Tokenize(string text, List<Refusal> problems)
    {
        if (text.Length > ExpressionLimits.MaxLength)
        {
            problems.Add(new(0, string.Create(CultureInfo.InvariantCulture,
                $"the condition is {text.Length:N0} characters long; at most {ExpressionLimits.MaxLength:N0} are allowed (split it into simpler conditions)")));
            return null;
        }
        var tokens = new List<ExpressionToken>();
        var open = new Stack<int>();
        var partner = new List<int>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (close < 0) { problems.Add(new(i, "comment `/*` is never closed")); return null; }
                i = close + 2;
                continue;
            }
            var start = i;
            ExpressionTokenKind kind;
            if (char.IsLetter(c) || c == '_')
            {
                kind = ExpressionTokenKind.Identifier;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                kind = ExpressionTokenKind.Number;
                while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                if (i + 1 < text.Length && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
                    for (i++; i < text.Length && char.IsAsciiDigit(text[i]); i++) { }
                // A suffix (1L, 1.5m, 1e3, 0x1F) stays part of the number, which the sandbox then refuses as written.
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
            }
            else if (c is '"' or '\'')
            {
                kind = c == '"' ? ExpressionTokenKind.String : ExpressionTokenKind.Other;
                for (i++; i < text.Length && text[i] != c && text[i] != '\n'; i++)
                    if (text[i] == '\\') i++;
                if (i >= text.Length || text[i] != c)
                {
                    problems.Add(new(start, c == '"' ? "string is never closed: a `\"` is missing" : "`'` is never closed"));
                    return null;
                }
                i++;
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0);
                kind = op is null ? ExpressionTokenKind.Other : ExpressionTokenKind.Operator;
                i += op?.Length ?? (char.IsSurrogatePair(text, i) ? 2 : 1);
            }
            var token = new ExpressionToken(kind, start, text[start..i]);
            if (tokens.Count == ExpressionLimits.MaxTokens)
            {
                problems.Add(new(start, string.Create(CultureInfo.InvariantCulture,
                    $"the condition is too complex: more than {ExpressionLimits.MaxTokens} names, literals and operators (split it into simpler conditions)")));
                return null;
            }
            partner.Add(-1);
            if (token.Is("("))
            {
                if (open.Count == ExpressionLimits.MaxDepth)
                {
                    problems.Add(new(start, string.Create(CultureInfo.InvariantCulture,
                        $"the condition nests parentheses more than {ExpressionLimits.MaxDepth} deep")));
                    return null;
                }
                open.Push(tokens.Count);
            }
            else if (token.Is(")") && open.Count > 0)
            {
                var opening = open.Pop();
                partner[opening] = tokens.Count;
                partner[^1] = opening;
            }
            tokens.Add(token);
        }
        return new TokenizedExpression(tokens, partner);
    }
}
