using Xunit;
namespace SciLiteracy.Compliance.Tests.Worker;

/// <summary>`scilit run` as an operator starts it: the real executable in its own process.</summary>
public sealed class RunVerbProcessTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void InvalidRulesAtStartExitOneWithEveryDiagnosticAsValidatePrintsIt()
    {
        using var sandbox = new WorkerSandbox();
        sandbox.Edit(sandbox.ObligationsFile, "yearly: \"12-20\"", "yearly: \"12-40\"");
        sandbox.Edit(Path.Combine(sandbox.RulesDirectory, "people.yaml"), "role: head", "role: boss");

        // Relative --rules, as an operator types it: the diagnostics then show the same relative paths `validate` shows.
        var validate = ScilitProcess.Run(sandbox.Root, NoEnvironment, "validate", "--rules", "rules");
        var run = ScilitProcess.Run(sandbox.Root, NoEnvironment, "run", "--rules", "rules", "--state", "state/compliance.db");

        Assert.Equal(1, validate.ExitCode);
        var diagnostics = validate.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(": error: ", StringComparison.Ordinal)).ToList();
        Assert.Contains(diagnostics, line => line.StartsWith("rules/obligations.yaml:", StringComparison.Ordinal));
        Assert.Contains(diagnostics, line => line.StartsWith("rules/people.yaml:", StringComparison.Ordinal));
        Assert.Equal(1, run.ExitCode);
        foreach (var line in diagnostics)
        {
            Assert.Contains(line, run.Stderr);
            Assert.Contains(line, sandbox.ReadLog());
        }
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.False(File.Exists(Path.Combine(sandbox.Root, "state", "compliance.quartz.db")), "a worker with invalid rules touched the state");
    }

    [Theory]
    [InlineData("Compliance__SafetyInterval", "every quarter hour",
        "error: Compliance:SafetyInterval: 'every quarter hour' is not a positive duration; expected hh:mm:ss, e.g. 00:15:00")]
    [InlineData("Smtp__Timeout", "30", // TimeSpan alone would read thirty days
        "error: Smtp:Timeout: '30' is not a positive duration; expected hh:mm:ss, e.g. 00:00:30")]
    public void UnusableSettingIsOneLineNotAStackTrace(string setting, string value, string error)
    {
        using var sandbox = new WorkerSandbox();

        var run = ScilitProcess.Run(sandbox.Root, new Dictionary<string, string> { ["Smtp__Host"] = "127.0.0.1", [setting] = value },
            "run", "--rules", "rules");

        Assert.Equal(2, run.ExitCode);
        // Smtp settings are read after the rules, whose warnings (a calendar year missing) may come first.
        Assert.Equal(error, string.Join('\n', run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains(" WRN] ", StringComparison.Ordinal))));
    }
}
