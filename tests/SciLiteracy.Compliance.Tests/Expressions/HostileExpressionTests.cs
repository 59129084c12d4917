using SciLiteracy.Compliance.Expressions;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Expressions;

/// <summary>Expressions that try to reach outside the facts model are refused at validation, naming what is refused, and never run.</summary>
public sealed class HostileExpressionTests : IDisposable
{
    private readonly ConditionRules rules = new();
    private readonly string markerDirectory = Path.Combine(Path.GetTempPath(), "scilit-marker-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        rules.Dispose();
        if (Directory.Exists(markerDirectory)) Directory.Delete(markerDirectory, recursive: true);
    }

    /// <summary>(expression, what the error must name). MARKER is replaced by a file path that must never come to exist.</summary>
    public static readonly (string Expression, string Named)[] Hostile =
    [
        // reaching the machine
        ("System.IO.File.Create(\"MARKER\").CanRead", "`System.IO.File.Create`"),
        ("System.IO.Directory.CreateDirectory(\"MARKER\").Exists", "`System.IO.Directory.CreateDirectory`"),
        ("System.IO.File.Exists(\"/etc/passwd\")", "System.IO.File.Exists"),
        ("System.IO.File.ReadAllText(\"/etc/passwd\").Length > 0", "System.IO.File.ReadAllText"),
        ("System.IO.File.Delete(\"MARKER\") == System.IO.File.Delete(\"MARKER\")", "System.IO.File.Delete"),
        ("Environment.SetEnvironmentVariable(\"SCILIT_HOSTILE_ENV\", \"1\") == unit", "Environment.SetEnvironmentVariable"),
        ("System.Environment.GetEnvironmentVariable(\"HOME\") == \"x\"", "System.Environment.GetEnvironmentVariable"),
        ("Environment.ProcessId > 0", "Environment.ProcessId"),
        ("System.Diagnostics.Process.Start(\"touch\", \"MARKER\").HasExited", "Process"),
        ("System.Threading.Thread.Sleep(100000) == unit", "System.Threading.Thread.Sleep"),
        ("System.GC.GetTotalMemory(true) > 0", "System.GC.GetTotalMemory"),
        ("System.AppDomain.CurrentDomain.FriendlyName == \"x\"", "`System.AppDomain.CurrentDomain`"),
        ("System.Console.ReadLine() == \"x\"", "Console"),
        // reflection and types
        ("System.Type.GetType(\"System.IO.File\").Name == \"File\"", "`System.Type.GetType`"),
        ("unit.GetType().Assembly.FullName == \"x\"", "`unit.GetType`"),
        ("System.Activator.CreateInstance(\"a\", \"b\").Unwrap() == unit", "System.Activator.CreateInstance"),
        ("typeof(System.IO.File).Name == \"File\"", "typeof"),
        ("nameof(unit) == \"unit\"", "nameof"),
        ("sizeof(int) == 4", "sizeof"),
        ("default(int) == 0", "default"),
        // members outside the allowlist
        ("unit.ToString() == \"x\"", "unit.ToString"),
        ("unit.Equals(unit)", "unit.Equals"),
        ("target.GetHashCode() > 0", "target.GetHashCode"),
        ("E0(occurrence, unit, target, now)", "E0"),
        ("string.Join(\",\", unit.Id) == \"x\"", "string.Join"),
        ("unit.Id.Replace(\"a\", \"b\") == \"x\"", "unit.Id.Replace"),
        ("unit.Id.StartsWith(\"k\", StringComparison.Ordinal)", "unit.Id.StartsWith"),
        ("unit.Id + 1 == \"k1\"", "unit.Id + 1"),
        ("Math.Pow(2, 10) > 0", "Math.Pow"),
        ("int.Parse(unit.Id) > 0", "`int`"),
        // syntax outside the allowlist
        ("new System.Object().Equals(unit)", "new"),
        ("new[] { 1 }.Length == 1", "new"),
        ("((System.Func<bool>)(() => true))()", "(System.Func<bool>)"),
        ("(object)unit == (object)unit", "(object)"),
        ("x => true", "=>"),
        ("delegate { return true; }", "delegate"),
        ("unit.Id is string", "is"),
        ("occurrence.DaysLeft++ > 0", "++"),
        ("--occurrence.DaysLeft > 0", "--"),
        ("(occurrence.DaysLeft = 5) > 0", "="),
        ("(occurrence.DaysLeft += 5) > 0", "+="),
        ("checked(occurrence.DaysLeft + 1) > 0", "checked"),
        ("unchecked(occurrence.DaysLeft + 1) > 0", "unchecked"),
        ("stackalloc int[10].Length == 10", "stackalloc"),
        ("unit.Id ?? \"x\"", "??"),
        ("unit?.Id == \"x\"", "?"),
        ("$\"{unit.Id}\" == \"kexie\"", "$\""),
        ("(from c in unit.Id select c).Count() > 0", "from"),
        ("unit.Id[0] == unit.Id[1]", "["),
        ("(occurrence.DaysLeft & 1) == 0", "&"),
        ("occurrence.DaysLeft << 40 > 0", "<<"),
        ("unit.Id switch { _ => true }", "switch"),
        ("Math.Max(val1: 1, val2: 2) > 0", "val1"),
        ("unit.Id == null", "null"),
        ("unit.Id == \"x\"u8.ToString()", "\"x\"u8"),
        ("await System.Threading.Tasks.Task.FromResult(true)", "await"),
        ("unit.Id == \"a\" ? true : throw new System.Exception()", "throw"),
        ("__arglist(1) == 1", "__arglist"),
    ];

    public static TheoryData<string, string> HostileCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (expression, named) in Hostile) data.Add(expression, named);
        return data;
    }

    private string WithMarker(string text) => text.Replace("MARKER", Path.Combine(markerDirectory, "marker"));

    private static string SingleQuoted(string expression) => "'" + expression.Replace("'", "''") + "'";

    [Fact]
    public void EveryHostileExpressionIsRefusedAtItsPositionNamingTheOffendingTokenAndAllAreReportedAtOnce()
    {
        Assert.True(Hostile.Length >= 40);
        rules.WriteObligations(string.Concat(Hostile.Select((h, i) =>
            ConditionRules.Obligation($"test.hostile-{i}", $"    when: {SingleQuoted(WithMarker(h.Expression))}"))));

        var result = RuleSetCompilation.Load(rules.Directory);

        Assert.Null(result.Rules);
        var errors = result.Errors.Where(d => d.Location.Path == rules.ExtraDisplayPath).ToList();
        for (var i = 0; i < Hostile.Length; i++)
        {
            var expression = WithMarker(Hostile[i].Expression);
            var (line, column) = rules.PositionOf(SingleQuoted(expression));
            var named = WithMarker(Hostile[i].Named);
            var onThisLine = errors.Where(d => d.Location.Line == line).ToList();
            Assert.True(onThisLine.Any(d => d.Message.Contains(named, StringComparison.Ordinal)),
                $"`{expression}` (line {line}) should be refused naming `{named}`; got: {string.Join(" | ", onThisLine)}");
            // The error points into the expression, not at the key or elsewhere.
            Assert.All(onThisLine, d => Assert.InRange(d.Location.Column, column + 1, column + SingleQuoted(expression).Length));
        }
        Assert.False(Directory.Exists(markerDirectory), "a refused expression ran: the marker exists");
        Assert.Null(Environment.GetEnvironmentVariable("SCILIT_HOSTILE_ENV"));
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public void EachHostileExpressionAloneIsRefusedNamingTheOffendingToken(string expression, string named)
    {
        rules.WriteObligations(ConditionRules.Obligation("test.hostile", $"    when: {SingleQuoted(WithMarker(expression))}"));

        var result = RuleSetCompilation.Load(rules.Directory);

        Assert.Null(result.Rules);
        Assert.Contains(result.Errors, d => d.Location.Path == rules.ExtraDisplayPath && d.Message.Contains(WithMarker(named), StringComparison.Ordinal));
        Assert.False(Directory.Exists(markerDirectory));
    }

    [Fact]
    public void AnExpressionThatWouldWriteAFileCompilesWithoutTheSandboxButPlanRefusesItAndNoFileAppears()
    {
        // Well-typed C#: without the sandbox this would create the marker the first time plan evaluates it.
        var marker = Path.Combine(markerDirectory, "created-by-plan");
        Directory.CreateDirectory(markerDirectory);
        rules.WriteObligations(ConditionRules.Obligation("test.writes-file", $"    when: {SingleQuoted($"System.IO.File.Create(\"{marker}\").CanRead")}"));

        var (exit, stdout, stderr) = ConditionRules.Scilit("plan", "--rules", rules.Directory, "--from", "2025-01-01", "--to", "2025-12-31", "--format", "json");

        Assert.Equal(1, exit);
        Assert.Contains("`System.IO.File.Create` is not allowed in a rule expression", stderr);
        Assert.Contains("is not allowed in a rule expression", stderr);
        Assert.DoesNotContain("   at ", stderr); // no stack trace
        Assert.Equal("", stdout);
        Assert.False(File.Exists(marker), "the hostile expression ran");
    }
}
