using System.Collections.Frozen;
using System.Reflection;
using SciLiteracy.Compliance.Expressions.Facts;
using SciLiteracy.Compliance.Rules.Diagnostics;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>
/// Our check before the expression reaches RulesEngine: every name, member and operator of the expression is looked up
/// in the allowlist below, following member chains through the facts' types, in one pass over the tokens (no recursion).
/// Everything refused in an expression is named in one error; a near miss of an allowed name gets its own error with
/// "did you mean". Without loops, lambdas, object creation or calls beyond the list, an accepted expression terminates
/// and touches nothing outside its arguments.
/// </summary>
public static class ExpressionSandbox
{
    private sealed record Member(bool IsMethod, Type Result);

    /// <summary>The members of Math and string a condition may call; the tree audit checks against the same lists.</summary>
    public static readonly FrozenSet<string> MathMethods = FrozenSet.ToFrozenSet(["Min", "Max", "Abs", "Round", "Floor", "Ceiling"], StringComparer.Ordinal);
    public static readonly FrozenSet<string> StringMethods = FrozenSet.ToFrozenSet(["StartsWith", "EndsWith", "Contains"], StringComparer.Ordinal);
    public static readonly FrozenSet<string> StringStaticMethods = FrozenSet.ToFrozenSet(["Compare", "Equals"], StringComparer.Ordinal);

    /// <summary>The names a condition may start from, and what each is.</summary>
    private static readonly FrozenDictionary<string, Type> Roots = new Dictionary<string, Type>
    {
        ["occurrence"] = typeof(OccurrenceFacts), ["unit"] = typeof(UnitFacts), ["target"] = typeof(TargetFacts), ["now"] = typeof(Date),
        ["true"] = typeof(bool), ["false"] = typeof(bool),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Static classes a condition may call into: `Math.Min(…)`, `string.Compare(…)`.</summary>
    private static readonly FrozenDictionary<string, FrozenDictionary<string, Member>> StaticTypes = new Dictionary<string, FrozenDictionary<string, Member>>
    {
        ["Math"] = MathMethods.ToFrozenDictionary(n => n, _ => new Member(true, typeof(double)), StringComparer.Ordinal),
        ["string"] = StringStaticMethods.ToFrozenDictionary(n => n, n => new Member(true, n == "Compare" ? typeof(int) : typeof(bool)), StringComparer.Ordinal),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Helper functions called unqualified, and the registered custom type that holds them.</summary>
    public static readonly FrozenDictionary<string, Type> Functions =
        typeof(ConditionHelpers).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.IsDefined(typeof(RuleVisibleAttribute)))
            .ToFrozenDictionary(m => m.Name, m => m.ReturnType, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, FrozenDictionary<string, Member>> InstanceMembers = BuildInstanceMembers();

    /// <summary>Words of C# or of Dynamic LINQ: refused as they are, never "corrected" into a fact (`new` is not a typo of `now`).</summary>
    private static readonly FrozenSet<string> Keywords = FrozenSet.ToFrozenSet(
    [
        "new", "typeof", "nameof", "sizeof", "default", "is", "as", "switch", "null", "throw", "await", "async", "checked", "unchecked",
        "stackalloc", "delegate", "from", "in", "select", "where", "let", "join", "on", "equals", "into", "orderby", "group", "by",
        "it", "parent", "root", "np", "iif", "cast", "isnull", "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge",
        "object", "int", "long", "double", "decimal", "bool", "byte", "char", "float", "short", "uint", "ulong", "ushort", "sbyte",
        "var", "dynamic", "void", "ref", "out", "this", "base", "return", "if", "else", "for", "foreach", "while", "do", "break",
        "continue", "goto", "using", "namespace", "class", "struct", "interface", "enum", "static", "const", "fixed", "unsafe", "lock",
        "operator", "implicit", "explicit", "params", "try", "catch", "finally", "__arglist", "__makeref", "__reftype", "__refvalue",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> AllowedOperators = FrozenSet.ToFrozenSet(
        ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "!", "?", ":", "(", ")", ","], StringComparer.Ordinal);

    /// <summary>What to write instead, for refused spellings that have an allowed one.</summary>
    private static readonly FrozenDictionary<string, string> Instead = new Dictionary<string, string>
    {
        ["="] = "==", ["and"] = "&&", ["or"] = "||", ["not"] = "!", ["&"] = "&&", ["|"] = "||", ["iif"] = "c ? a : b",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static IEnumerable<string> RootNames => Roots.Keys.Concat(StaticTypes.Keys).Concat(Functions.Keys);

    /// <summary>All problems of one tokenized expression, in reading order.</summary>
    public static List<Refusal> Check(TokenizedExpression expression)
    {
        var tokens = expression.Tokens;
        var problems = new List<Refusal>();
        var refused = new List<(int Position, string Symbol)>();
        // The type a `(...)` stands for once closed, where the sandbox knows it (a call); keyed by the `)` token.
        var typeAfterClose = new Dictionary<int, Type>();
        var refusedBefore = 0;
        var unreachableAfter = new HashSet<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (refused.Count > refusedBefore)
            {
                // What follows a refused name's call (`unit.GetType().Assembly`) is unreachable: not named again.
                refusedBefore = refused.Count;
                if (i < tokens.Count && token.Is("(") && expression.Partner[i] is var close and >= 0) unreachableAfter.Add(close);
            }
            switch (token.Kind)
            {
                case ExpressionTokenKind.Identifier:
                    i = CheckChain(expression, i, problems, refused, typeAfterClose);
                    break;
                case ExpressionTokenKind.String:
                    if (i + 1 < tokens.Count && tokens[i + 1].Start == token.End && tokens[i + 1].Kind == ExpressionTokenKind.Identifier)
                    {
                        refused.Add((token.Start, token.Text + tokens[i + 1].Text)); // "x"u8
                        i = SkipMembers(tokens, i + 1);
                    }
                    else i = CheckMembers(expression, i, typeof(string), token.Start, problems, refused, typeAfterClose);
                    break;
                case ExpressionTokenKind.Number:
                    if (token.Text.Any(char.IsLetter) || token.Text.Contains('_')) refused.Add((token.Start, token.Text));
                    else i = CheckMembers(expression, i, typeof(double), token.Start, problems, refused, typeAfterClose);
                    break;
                default:
                    if (token.Is(")") && unreachableAfter.Contains(i))
                        i = SkipMembers(tokens, i);
                    else if (token.Is(")") && i + 1 < tokens.Count && tokens[i + 1].Is("."))
                        i = CheckMembers(expression, i, typeAfterClose.GetValueOrDefault(i), -1, problems, refused, typeAfterClose);
                    else if (token.Is("$") || token.Is("@"))
                    {
                        var glued = i + 1 < tokens.Count && tokens[i + 1].Start == token.End && tokens[i + 1].Kind == ExpressionTokenKind.String;
                        refused.Add((token.Start, glued ? token.Text + "\"" : token.Text));
                    }
                    else if (token.Kind == ExpressionTokenKind.Other || !AllowedOperators.Contains(token.Text))
                    {
                        refused.Add((token.Start, token.Text));
                        // Members of what a refused bracket or `?.` yields are unreachable: not named again.
                        if (token.Is("?.") && i + 1 < tokens.Count && tokens[i + 1].Kind == ExpressionTokenKind.Identifier) i = DottedEnd(tokens, i + 1);
                        else if (token.Is("]") || token.Is("}")) i = SkipMembers(tokens, i);
                    }
                    break;
            }
        }
        if (refused.Count > 0) problems.Add(new(refused[0].Position, RefusalMessage(refused.Select(r => r.Symbol).Distinct().ToList())));
        return problems.OrderBy(p => p.Position).ToList();
    }

    /// <summary>A name not after a dot: a fact, a static class, a helper function, or refused with the dotted chain it starts.</summary>
    private static int CheckChain(TokenizedExpression expression, int i, List<Refusal> problems, List<(int, string)> refused, Dictionary<int, Type> typeAfterClose)
    {
        var tokens = expression.Tokens;
        var token = tokens[i];
        var name = token.Text;
        if (Roots.TryGetValue(name, out var type)) return CheckMembers(expression, i, type, token.Start, problems, refused, typeAfterClose);
        if (StaticTypes.TryGetValue(name, out var members))
        {
            if (i + 2 < tokens.Count && tokens[i + 1].Is(".") && tokens[i + 2].Kind == ExpressionTokenKind.Identifier)
                return CheckMember(expression, i + 2, members, name, token.Start, problems, refused, typeAfterClose);
            refused.Add((token.Start, name));
            return i;
        }
        if (Functions.TryGetValue(name, out var result))
        {
            if (i + 1 < tokens.Count && tokens[i + 1].Is("(")) return Called(expression, i + 1, result, typeAfterClose);
            problems.Add(new(token.Start, $"`{name}` is a function: call it as {name}(a, b)"));
            return i;
        }
        var end = DottedEnd(tokens, i);
        var chain = Text(tokens, i, end);
        if (!Keywords.Contains(name) && DidYouMean.Nearest(name, RootNames) is { } near)
            problems.Add(new(token.Start, $"unknown name '{name}' (did you mean '{near}'?)"));
        else refused.Add((token.Start, chain));
        return end;
    }

    /// <summary>Member accesses after token <paramref name="i"/>, whose value is of <paramref name="type"/> (null: not known to the sandbox).</summary>
    private static int CheckMembers(TokenizedExpression expression, int i, Type? type, int chainStart, List<Refusal> problems, List<(int, string)> refused, Dictionary<int, Type> typeAfterClose)
    {
        var tokens = expression.Tokens;
        if (i + 1 >= tokens.Count || !tokens[i + 1].Is(".")) return i;
        if (i + 2 >= tokens.Count || tokens[i + 2].Kind != ExpressionTokenKind.Identifier)
        {
            refused.Add((tokens[i + 1].Start, "."));
            return i + 1;
        }
        var members = type is null ? FrozenDictionary<string, Member>.Empty : InstanceMembers.GetValueOrDefault(type, FrozenDictionary<string, Member>.Empty);
        var owner = chainStart < 0 ? null : Text(tokens, IndexAt(tokens, chainStart), i);
        return CheckMember(expression, i + 2, members, owner, chainStart, problems, refused, typeAfterClose);
    }

    /// <summary>The member named by token <paramref name="i"/> (after a dot), looked up among <paramref name="members"/>.</summary>
    private static int CheckMember(TokenizedExpression expression, int i, FrozenDictionary<string, Member> members, string? owner, int chainStart,
        List<Refusal> problems, List<(int, string)> refused, Dictionary<int, Type> typeAfterClose)
    {
        var tokens = expression.Tokens;
        var name = tokens[i].Text;
        var isCall = i + 1 < tokens.Count && tokens[i + 1].Is("(");
        if (members.TryGetValue(name, out var member))
        {
            if (member.IsMethod && isCall) return Called(expression, i + 1, member.Result, typeAfterClose);
            if (member.IsMethod) { problems.Add(new(tokens[i].Start, $"`{name}` is a function: call it as {name}(…)")); return i; }
            if (isCall) { problems.Add(new(tokens[i].Start, $"`{name}` is a fact, not a function: write it without (…)")); return i; }
            return CheckMembers(expression, i, member.Result, chainStart, problems, refused, typeAfterClose);
        }
        var end = DottedEnd(tokens, i);
        if (owner is not null && DidYouMean.Nearest(name, members.Keys) is { } near)
            problems.Add(new(tokens[i].Start, $"`{owner}` has no member '{name}' (did you mean '{near}'?)"));
        else if (owner is not null) refused.Add((chainStart, owner + "." + name));
        else refused.Add((tokens[i].Start, name));
        return end;
    }

    /// <summary>A call: its arguments are checked as any tokens; the value after its `)` is of <paramref name="result"/>.</summary>
    private static int Called(TokenizedExpression expression, int open, Type result, Dictionary<int, Type> typeAfterClose)
    {
        if (expression.Partner[open] is var close and >= 0) typeAfterClose[close] = result;
        return open - 1; // the caller's loop goes on with the `(`
    }

    /// <summary>The last token of a dotted name starting at <paramref name="i"/> (`System.IO.File.Create`).</summary>
    private static int DottedEnd(IReadOnlyList<ExpressionToken> tokens, int i)
    {
        while (i + 2 < tokens.Count && tokens[i + 1].Is(".") && tokens[i + 2].Kind == ExpressionTokenKind.Identifier) i += 2;
        return i;
    }

    private static int SkipMembers(IReadOnlyList<ExpressionToken> tokens, int i) =>
        i + 2 < tokens.Count && tokens[i + 1].Is(".") && tokens[i + 2].Kind == ExpressionTokenKind.Identifier ? DottedEnd(tokens, i + 2) : i;

    private static int IndexAt(IReadOnlyList<ExpressionToken> tokens, int start)
    {
        for (var i = 0; i < tokens.Count; i++) if (tokens[i].Start == start) return i;
        return 0;
    }

    private static string Text(IReadOnlyList<ExpressionToken> tokens, int from, int to) =>
        string.Concat(Enumerable.Range(from, to - from + 1).Select(k => tokens[k].Text));

    private static string RefusalMessage(IReadOnlyList<string> symbols)
    {
        var named = symbols.Select(s => $"`{s}`").ToList();
        var list = named.Count == 1 ? named[0] : string.Join(", ", named[..^1]) + " and " + named[^1];
        var hints = symbols.Where(Instead.ContainsKey).Select(s => $"for `{s}` write `{Instead[s]}`").ToList();
        return $"{list} {(named.Count == 1 ? "is" : "are")} not allowed in a rule expression" +
            (hints.Count > 0 ? $" ({string.Join("; ", hints)})" : "") +
            "; a condition may use only the facts, Days(a, b), Math.Min/Max/Abs/Round/Floor/Ceiling, string.Compare/Equals, " +
            "a string's Length/StartsWith/EndsWith/Contains, literals and + - * / % == != < <= > >= && || ! ?: (docs/rule-format.md, \"Conditions\")";
    }

    private static FrozenDictionary<Type, FrozenDictionary<string, Member>> BuildInstanceMembers()
    {
        var types = new Dictionary<Type, FrozenDictionary<string, Member>>();
        foreach (var type in new[] { typeof(OccurrenceFacts), typeof(UnitFacts), typeof(TargetFacts), typeof(Date), typeof(IdList) })
            types[type] = type.GetMembers(BindingFlags.Public | BindingFlags.Instance)
                .Where(m => m.IsDefined(typeof(RuleVisibleAttribute)))
                .ToFrozenDictionary(m => m.Name, m => m switch
                {
                    PropertyInfo p => new Member(false, p.PropertyType),
                    MethodInfo method => new Member(true, method.ReturnType),
                    _ => throw new InvalidOperationException($"[RuleVisible] on {m.MemberType} {type.Name}.{m.Name}"),
                }, StringComparer.Ordinal);
        types[typeof(string)] = StringMethods.Select(n => (Name: n, Member: new Member(true, typeof(bool))))
            .Append((Name: nameof(string.Length), Member: new Member(false, typeof(int))))
            .ToFrozenDictionary(m => m.Name, m => m.Member, StringComparer.Ordinal);
        return types.ToFrozenDictionary();
    }
}
