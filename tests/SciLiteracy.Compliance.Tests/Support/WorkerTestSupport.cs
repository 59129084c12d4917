using Xunit;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using SciLiteracy.Compliance.Worker;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Pipeline;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>A scratch directory with a copy of the Xunwu pack, a state file and a log file; deleted afterwards.</summary>
public sealed class WorkerSandbox : IDisposable
{
    public WorkerSandbox()
    {
        Root = Directory.CreateTempSubdirectory("scilit-host-").FullName;
        RulesDirectory = Path.Combine(Root, "rules");
        CopyDirectory(Path.Combine(RepositoryRoot, "rules", "xunwu"), RulesDirectory);
        WriteWorkingDaysAroundToday();
    }

    /// <summary>
    /// The send-window tests fire real triggers today, and send windows skip days off. So that they do not depend on
    /// the day they run, today and tomorrow (Xunwu time) are declared working days, as an adjusted working day (调休) is.
    /// </summary>
    private void WriteWorkingDaysAroundToday()
    {
        var today = NodaTime.SystemClock.Instance.GetCurrentInstant().InZone(NodaTime.DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).Date;
        foreach (var year in new[] { today, today.PlusDays(1) }.GroupBy(d => d.Year))
        {
            var folder = Path.Combine(RulesDirectory, "calendars", "cn-mainland");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"{year.Key}.yaml"),
                $"version: 1\ncalendar: cn-mainland\nyear: {year.Key}\nnotice:\n  title: 测试用调休安排\nworkingDays:\n"
                + string.Concat(year.Select(d => $"  - {{ date: {d:uuuu-MM-dd}, name: 测试调休 }}\n")));
        }
    }

    public string Root { get; }
    public string RulesDirectory { get; }
    public string StateFile => Path.Combine(Root, "state", "compliance.db");
    public string LogDirectory => Path.Combine(Root, "logs");

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public string JurisdictionFile => Path.Combine(RulesDirectory, "jurisdiction.yaml");
    public string ObligationsFile => Path.Combine(RulesDirectory, "obligations.yaml");

    /// <summary>Edits a rule file in place by replacing one exact piece of text, failing loudly when it is not there.</summary>
    public void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    /// <summary>Everything the worker logged so far (the rolling file sink's files, read while it may still write).</summary>
    public string ReadLog()
    {
        if (!Directory.Exists(LogDirectory)) return "";
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.GetFiles(LogDirectory).Order(StringComparer.Ordinal))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(reader.ReadToEnd());
        }
        return text.ToString();
    }

    /// <summary>Configuration for an in-process worker: this sandbox's rules, state and log, and a long safety interval.</summary>
    public Dictionary<string, string?> Settings(TimeSpan? safetyInterval = null) => new()
    {
        ["Compliance:RulesDirectory"] = RulesDirectory,
        ["Compliance:StateFile"] = StateFile,
        ["Compliance:Outbox"] = Path.Combine(Root, "outbox"),
        ["Compliance:SafetyInterval"] = (safetyInterval ?? TimeSpan.FromHours(1)).ToString(),
        ["Compliance:RulesPollInterval"] = "00:00:01",
        ["Serilog:WriteTo:1:Args:path"] = Path.Combine(LogDirectory, "scilit-.log"),
    };

    /// <summary>The real worker host (real Quartz on a real SQLite file) with <paramref name="cycle"/> as its pipeline.</summary>
    public IHost StartWorker(RecordingCycle cycle, TimeSpan? safetyInterval = null)
    {
        var host = WorkerHost.Build(WorkerHost.CreateBuilder(Settings(safetyInterval)),
            (services, _, _) => services.AddSingleton<IComplianceCycle>(cycle));
        Assert.NotNull(host);
        host.StartAsync().GetAwaiter().GetResult();
        return host;
    }

    public static async Task<bool> WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }
        return condition();
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SciLiteracy.Compliance.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root (with SciLiteracy.Compliance.sln) is not above " + AppContext.BaseDirectory);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a log file still held by a finalising sink; the temp folder is cleaned by the OS */ }
    }
}

/// <summary>Test double for the pipeline: records the instants the scheduler evaluated at, and nothing else.</summary>
public sealed class RecordingCycle : IComplianceCycle
{
    private readonly List<Instant> calls = [];

    public IReadOnlyList<Instant> Calls
    {
        get { lock (calls) return calls.ToList(); }
    }

    public Task<CycleOutcome> RunAsync(Instant now, CancellationToken cancellationToken)
    {
        lock (calls) calls.Add(now);
        return Task.FromResult(new CycleOutcome(now, new CycleReport(0, 0, 0, 0), [], [], 0));
    }
}
