using System.CommandLine;
using SciLiteracy.Compliance.Application;
using SciLiteracy.Compliance.Rules.RuleTests;

namespace SciLiteracy.Compliance.Cli;

/// <summary>`scilit test-rules`: runs every rule test under the rules directory and reports failures with path:line and a diff.</summary>
public static class TestRulesVerb
{
    public static Command Create(CliOutput output)
    {
        var rules = CommonOptions.Rules();
        var command = new Command("test-rules", "Run the rule tests (rules/<jurisdiction>/tests/*.yaml) through the real pipeline") { rules };
        command.SetAction(parse =>
        {
            var rulesDirectory = parse.GetValue(rules)!;
            if (RuleSetLoading.LoadOrReport(rulesDirectory, output) is not { } set) return 1;
            var files = RuleTestReader.TestFiles(rulesDirectory);
            if (files.Count == 0)
            {
                output.Err.WriteLine($"{rulesDirectory}:1:1: error: no rule tests (tests/*.yaml) under this directory");
                return 1;
            }
            var runner = new RuleTestRunner(set, rulesDirectory);
            var failed = 0;
            foreach (var (full, display) in files)
            {
                var result = runner.Run(full, display);
                if (result.Passed)
                {
                    output.Out.WriteLine($"ok    {display}  {result.Name} ({result.Delivered} notification(s))");
                    continue;
                }
                failed++;
                output.Out.WriteLine($"FAIL  {display}  {result.Name}");
                foreach (var problem in result.Problems) output.Out.WriteLine(problem);
                foreach (var failure in result.Failures) output.Out.WriteLine(failure);
            }
            output.Out.WriteLine($"{files.Count - failed} rule test(s) passed, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
