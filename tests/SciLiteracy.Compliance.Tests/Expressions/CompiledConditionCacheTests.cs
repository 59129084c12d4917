using SciLiteracy.Compliance.Domain.Obligations;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Expressions.Facts;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Expressions;

/// <summary>A restart with unchanged rules reuses the compiled conditions from disk; changed rules are compiled afresh.</summary>
public sealed class CompiledConditionCacheTests : IDisposable
{
    private readonly string cache = Path.Combine(Path.GetTempPath(), "scilit-cache-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
    }

    private static readonly OccurrenceFacts Overdue = new("o", "2025", new Date(2025, 12, 19), 0, 9, false, false);
    private static readonly UnitFacts Member = new("kexie", "县科协", "member", new IdList(["jiaoketi"]));

    [Fact]
    public void UnchangedExpressionsAreLoadedFromTheCacheAndChangedOnesAreCompiledAgain()
    {
        ConditionExpression[] conditions =
        [
            new("occurrence.DaysOverdue > 5 && unit.LeadUnits.Contains(\"jiaoketi\")", new SourceSpan("a.yaml", 3, 11)),
            new("unit.Kind == \"township\"", new SourceSpan("a.yaml", 9, 11)),
        ];

        var first = ConditionCompiler.Compile(conditions, cache);
        var filesAfterFirst = Directory.GetFiles(cache, "*.dll").Length;
        var second = ConditionCompiler.Compile(conditions, cache);
        var changed = ConditionCompiler.Compile([conditions[0], conditions[1] with { Text = "unit.Kind == \"member\"" }], cache);

        Assert.False(first.FromCache);
        Assert.Equal(1, filesAfterFirst);
        Assert.True(second.FromCache);
        Assert.True(second.Functions[conditions[0]](Overdue, Member, null!, new Date(2025, 12, 28)));
        Assert.False(second.Functions[conditions[1]](Overdue, Member, null!, new Date(2025, 12, 28)));
        Assert.False(changed.FromCache);
        Assert.Equal(2, Directory.GetFiles(cache, "*.dll").Length);
    }

    [Fact]
    public void ADamagedCacheEntryIsCompiledAfresh()
    {
        ConditionExpression[] conditions = [new("now.Year >= 2025", new SourceSpan("a.yaml", 1, 11))];
        ConditionCompiler.Compile(conditions, cache);
        File.WriteAllText(Directory.GetFiles(cache, "*.dll").Single(), "not an assembly");

        var again = ConditionCompiler.Compile(conditions, cache);

        Assert.False(again.FromCache);
        Assert.True(again.Functions[conditions[0]](Overdue, Member, null!, new Date(2025, 1, 1)));
    }
}
