using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Expressions.Facts;
using SciLiteracy.Compliance.Rules.Diagnostics;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;
using RuleDiagnostic = SciLiteracy.Compliance.Rules.Diagnostics.Diagnostic;

namespace SciLiteracy.Compliance.Expressions;

/// <summary>A compiled condition: the facts of one occurrence at one moment in, whether it holds out.</summary>
public delegate bool ConditionFunction(OccurrenceFacts occurrence, UnitFacts unit, TargetFacts target, Date now);

/// <summary>The outcome of compiling a rule set's conditions: a function for each, or the reasons why not.</summary>
public sealed record CompiledExpressions(
    ImmutableDictionary<ConditionExpression, ConditionFunction> Functions,
    ImmutableArray<RuleDiagnostic> Diagnostics,
    bool FromCache)
{
    public bool HasErrors => Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>
/// Compiles all conditions of a rule set in one Roslyn compilation: one generated class, one method per
/// expression, emitted to an in-memory assembly and bound to delegates. Nothing is emitted, and so nothing can run,
/// unless every expression passed the sandbox and the type check.
/// </summary>
public static class ConditionCompiler
{
    public const string GeneratedClassName = "RuleConditions";
    private const string GeneratedNamespace = "SciLiteracy.Compliance.Expressions.Generated";

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // Only the core library and the facts model: the less the compilation can see, the less it can reach.
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return
        [
            MetadataReference.CreateFromFile(typeof(object).Assembly.Location),
            MetadataReference.CreateFromFile(Path.Combine(runtimeDirectory, "System.Runtime.dll")),
            MetadataReference.CreateFromFile(typeof(Date).Assembly.Location),
        ];
    });

    /// <param name="expressions">every condition of the rule set; duplicates are compiled once</param>
    /// <param name="cacheDirectory">where emitted assemblies are kept between runs, keyed by the expressions and the facts model version; null for none</param>
    public static CompiledExpressions Compile(IEnumerable<ConditionExpression> expressions, string? cacheDirectory = null)
    {
        var distinct = expressions.Distinct().ToList();
        var diagnostics = new DiagnosticBag();
        if (distinct.Count == 0) return new(ImmutableDictionary<ConditionExpression, ConditionFunction>.Empty, [], false);

        var cacheFile = cacheDirectory is null ? null : Path.Combine(cacheDirectory, $"conditions-{CacheKey(distinct)}.dll");
        if (cacheFile is not null && TryLoadCached(cacheFile, distinct) is { } cached) return new(cached, [], true);

        // 1. Each expression alone: it must parse as exactly one expression made only of allowed syntax.
        var accepted = new List<(ConditionExpression Condition, int Index)>();
        foreach (var condition in distinct)
        {
            var parsed = SyntaxFactory.ParseExpression(condition.Text);
            var syntaxErrors = parsed.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            foreach (var error in syntaxErrors)
                diagnostics.Error(ExpressionSourceMap.Locate(condition, error.Location.SourceSpan.Start), Clean(error.GetMessage(CultureInfo.InvariantCulture)));
            var refusals = syntaxErrors.Count == 0 ? ExpressionSandbox.CheckSyntax(parsed) : [];
            foreach (var refusal in refusals)
                diagnostics.Error(ExpressionSourceMap.Locate(condition, refusal.Position), refusal.Message);
            if (syntaxErrors.Count == 0 && refusals.Count == 0) accepted.Add((condition, accepted.Count));
        }

        // 2. All accepted ones together: types, names and the symbols they bind to.
        var (source, starts) = Generate(accepted.Select(a => a.Condition.Text).ToList());
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(
            $"RuleConditions_{Guid.NewGuid():N}", [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
                allowUnsafe: false, checkOverflow: false, nullableContextOptions: NullableContextOptions.Disable));
        var model = compilation.GetSemanticModel(tree);
        var root = tree.GetRoot();
        var withErrors = new HashSet<int>();
        // Through the semantic model, so that the sandbox walk below reuses what binding found.
        foreach (var error in model.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var position = error.Location.SourceSpan.Start;
            var index = starts.FindLastIndex(s => s <= position);
            if (index < 0) index = 0;
            var condition = accepted[index].Condition;
            withErrors.Add(index);
            var offset = Math.Clamp(position - starts[index], 0, condition.Text.Length);
            diagnostics.Error(ExpressionSourceMap.Locate(condition, offset), Clean(error.GetMessage(CultureInfo.InvariantCulture)) + DidYouMeanFor(error, root, model));
        }
        var methods = root.DescendantNodes().OfType<MethodDeclarationSyntax>().ToList();
        for (var i = 0; i < accepted.Count; i++)
        {
            var expression = methods[i].Body!.Statements.OfType<ReturnStatementSyntax>().Single().Expression!;
            foreach (var refusal in ExpressionSandbox.CheckSymbols(expression, model, starts[i], withErrors.Contains(i)))
                diagnostics.Error(ExpressionSourceMap.Locate(accepted[i].Condition, Math.Max(0, refusal.Position)), refusal.Message);
        }

        var all = diagnostics.ToImmutable();
        if (diagnostics.HasErrors) return new(ImmutableDictionary<ConditionExpression, ConditionFunction>.Empty, all, false);

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
            throw new InvalidOperationException("conditions that passed every check failed to emit: " +
                string.Join("; ", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var bytes = image.ToArray();
        if (cacheFile is not null) TryWriteCache(cacheFile, bytes);
        return new(Bind(bytes, distinct), all, false);
    }

    /// <summary>One class, one method per expression, each expression on lines of its own so that a trailing comment cannot swallow code.</summary>
    private static (string Source, List<int> Starts) Generate(IReadOnlyList<string> texts)
    {
        var source = new StringBuilder();
        var starts = new List<int>();
        source.Append("using System;\n")
            .Append($"using OccurrenceFacts = {typeof(OccurrenceFacts).FullName};\n")
            .Append($"using UnitFacts = {typeof(UnitFacts).FullName};\n")
            .Append($"using TargetFacts = {typeof(TargetFacts).FullName};\n")
            .Append($"using Date = {typeof(Date).FullName};\n")
            .Append($"namespace {GeneratedNamespace};\n")
            .Append($"public sealed class {GeneratedClassName} : {typeof(ConditionHelpers).FullName}\n{{\n");
        for (var i = 0; i < texts.Count; i++)
        {
            source.Append($"public bool E{i}(OccurrenceFacts occurrence, UnitFacts unit, TargetFacts target, Date now)\n{{\nreturn\n");
            starts.Add(source.Length);
            source.Append(texts[i]).Append("\n;\n}\n");
        }
        source.Append("}\n");
        return (source.ToString(), starts);
    }

    private static ImmutableDictionary<ConditionExpression, ConditionFunction> Bind(byte[] image, IReadOnlyList<ConditionExpression> distinct)
    {
        // Collectible: a reloaded rule set lets the previous compiled conditions be unloaded.
        var context = new AssemblyLoadContext("rule-conditions", isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(image));
        var type = assembly.GetType($"{GeneratedNamespace}.{GeneratedClassName}", throwOnError: true)!;
        // Instance methods on one instance: a delegate to them is invoked as directly as a hand-written lambda
        // (delegates to static methods go through a shuffle thunk).
        var instance = Activator.CreateInstance(type)!;
        var result = ImmutableDictionary.CreateBuilder<ConditionExpression, ConditionFunction>();
        for (var i = 0; i < distinct.Count; i++)
        {
            var method = type.GetMethod($"E{i}", BindingFlags.Public | BindingFlags.Instance)
                ?? throw new InvalidOperationException($"compiled conditions lack method E{i}");
            result[distinct[i]] = method.CreateDelegate<ConditionFunction>(instance);
        }
        return result.ToImmutable();
    }

    /// <summary>The cache key: the facts model version, the compiler version and every expression text in order.</summary>
    private static string CacheKey(IReadOnlyList<ConditionExpression> distinct)
    {
        var text = new StringBuilder()
            .Append("facts-v").Append(FactsModel.Version).Append('\n')
            .Append(typeof(CSharpCompilation).Assembly.GetName().Version).Append('\n')
            .Append(typeof(Date).Assembly.ManifestModule.ModuleVersionId).Append('\n');
        foreach (var c in distinct) text.Append(c.Text.Length).Append(':').Append(c.Text).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static ImmutableDictionary<ConditionExpression, ConditionFunction>? TryLoadCached(string file, IReadOnlyList<ConditionExpression> distinct)
    {
        try
        {
            return File.Exists(file) ? Bind(File.ReadAllBytes(file), distinct) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            return null; // a damaged or unreadable cache entry is compiled afresh
        }
    }

    private static void TryWriteCache(string file, byte[] image)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temporary = file + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache only saves time; without it the next start compiles again.
        }
    }

    private static string Clean(string message) => message
        .Replace(typeof(Date).Namespace + ".", "")
        .Replace(" (are you missing a using directive or an assembly reference?)", "");

    /// <summary>For an unknown name or member, the nearest name the facts model offers.</summary>
    private static string DidYouMeanFor(RoslynDiagnostic error, SyntaxNode root, SemanticModel model)
    {
        if (error.Id is not ("CS0103" or "CS1061" or "CS0117")) return "";
        var node = root.FindNode(error.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is not SimpleNameSyntax name) return "";
        var given = name.Identifier.ValueText;
        IEnumerable<string> candidates;
        if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
        {
            var receiver = model.GetTypeInfo(access.Expression).Type ?? model.GetSymbolInfo(access.Expression).Symbol as ITypeSymbol;
            candidates = receiver is null ? [] : receiver.GetMembers()
                .Where(m => m.GetAttributes().Any(a => a.AttributeClass?.Name == nameof(RuleVisibleAttribute)))
                .Select(m => m.Name);
        }
        else candidates = [.. FactsModel.Roots, nameof(ConditionHelpers.Days), "Math"];
        return DidYouMean.Hint(given, candidates);
    }
}
