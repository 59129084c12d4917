using System.CommandLine;

namespace SciLiteracy.Compliance.Cli;

/// <summary>Builds the verb tree and turns anything unexpected into one line on stderr, never a stack trace.</summary>
public static class CommandLine
{
    /// <param name="clock">The clock verbs read "now" from (default: the system clock); tests pass their own.</param>
    public static int Invoke(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, NodaTime.IClock? clock = null)
    {
        var output = new CliOutput(stdout ?? Console.Out, stderr ?? Console.Error) { Clock = clock ?? NodaTime.SystemClock.Instance };
        var root = new RootCommand("SciLiteracy.Compliance: reminders, urgings and escalations for 全民科学素质行动 implementation plans.");
        foreach (var verb in Verbs.All(output)) root.Subcommands.Add(verb);
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version")))
            args = ["run", .. args];
        try
        {
            var parsed = root.Parse(args);
            return parsed.Invoke(new InvocationConfiguration { Output = output.Out, Error = output.Err, EnableDefaultExceptionHandler = false });
        }
        catch (Application.UseCaseException e)
        {
            output.Err.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e)
        {
            output.Err.WriteLine($"error: {e.GetBaseException().Message}");
            return 2;
        }
    }
}
