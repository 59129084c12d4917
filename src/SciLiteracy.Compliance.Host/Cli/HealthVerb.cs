using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SciLiteracy.Compliance.Worker;

namespace SciLiteracy.Compliance.Cli;

/// <summary>
/// `scilit health`: the running worker's <see cref="HealthReport"/>, read from the health file beside the state file, for
/// systemd (ExecStartPost, a timer) and monitors. Exit 0 healthy; 1 unhealthy (the reason is printed: the last evaluation
/// failed, a full disk, a report older than --max-age, so the worker stopped or hangs); 2 no report to read.
/// </summary>
public static class HealthVerb
{
    public const int Healthy = 0, Unhealthy = 1, NoReport = 2;

    public static Command Create(CliOutput output)
    {
        var state = CommonOptions.State();
        var format = CommonOptions.Format();
        var maxAge = new Option<TimeSpan>("--max-age")
        {
            Description = "A report older than this means the worker is not running or hangs (it rewrites it every 15 s)",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(1),
        };
        var command = new Command("health", "The worker's health: last successful evaluation, pending and flagged rows, the rules; exit 0 when healthy") { state, format, maxAge };
        command.SetAction(parse =>
        {
            var path = HealthReport.PathFor(parse.GetValue(state)!);
            HealthReport? report;
            try { report = File.Exists(path) ? HealthReport.Read(path) : null; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                output.Err.WriteLine($"{path}: error: cannot read the health report: {e.Message}");
                return NoReport;
            }
            if (report is null)
            {
                output.Err.WriteLine($"{path}: error: no health report: no scilit run has started on this state file");
                return NoReport;
            }
            var age = DateTimeOffset.UtcNow - report.UpdatedAt;
            if (report.Healthy && age > parse.GetValue(maxAge))
                report = report with
                {
                    Healthy = false,
                    Reason = string.Create(CultureInfo.InvariantCulture, $"the report is {age.TotalSeconds:F0} s old: the worker (pid {report.Pid}) is not running or hangs"),
                };
            if (parse.GetValue(format) == "json") output.Out.WriteLine(report.ToJson());
            else
                output.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(report.Healthy ? "healthy" : "unhealthy")}: {report.Reason}; last successful evaluation {report.LastSuccessfulCycle?.ToString("u", CultureInfo.InvariantCulture) ?? "none"}; " +
                    $"{report.PendingRows} pending, {report.FlaggedRows} flagged; rules {report.RuleSet}"));
            return report.Healthy ? Healthy : Unhealthy;
        });
        return command;
    }
}
