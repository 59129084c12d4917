using Microsoft.Extensions.Logging;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Expressions;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Rules.Diagnostics;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// The rules in force for the worker: loaded at start, then reloaded when a file below the rules directory
/// changes (file-system events, debounced, with polling as a fallback for file systems that raise none).
/// A change that does not validate is logged exactly as `validate` prints it and the last good rules stay.
/// </summary>
public sealed class WatchedRuleSource : IRuleSource, IDisposable
{
    // Editors write a file in several steps; wait for the burst to end before reading.
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(400);

    private readonly string directory;
    private readonly string? cacheDirectory;
    private readonly ILogger logger;
    private readonly FileSystemWatcher? watcher;
    private readonly Timer debounceTimer;
    private readonly Timer pollTimer;
    private readonly Lock reloadLock = new();
    private string lastSeenFingerprint;
    private volatile RuleSet current;
    private bool disposed;

    private WatchedRuleSource(string directory, string? cacheDirectory, RuleSet rules, string fingerprint, Duration pollInterval, ILogger logger)
    {
        this.directory = directory;
        this.cacheDirectory = cacheDirectory;
        this.logger = logger;
        current = rules;
        lastSeenFingerprint = fingerprint;
        debounceTimer = new Timer(_ => ReloadIfChanged(), null, Timeout.Infinite, Timeout.Infinite);
        pollTimer = new Timer(_ => ReloadIfChanged(), null, pollInterval.ToTimeSpan(), pollInterval.ToTimeSpan());
        try
        {
            watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Deleted += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.Error += (_, e) => logger.LogWarning("watching {RulesDirectory} failed ({Reason}); changes are still picked up by polling", directory, e.GetException().Message);
            watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // inotify limits and network mounts: polling alone still applies every change.
            watcher = null;
            logger.LogWarning("cannot watch {RulesDirectory} ({Reason}); polling every {PollInterval}", directory, e.Message, pollInterval.ToTimeSpan());
        }
    }

    public RuleSet Current => current;

    public event EventHandler<RuleSet>? Changed;

    /// <summary>Conditions are compiled with every load; one that faults while the service runs is logged where it is written.</summary>
    private static Func<CompiledConditions, CompiledConditions> ReportFaultsTo(ILogger logger) =>
        conditions => conditions.With(onFault: fault => logger.LogError("{Fault}", fault.ToString()));

    /// <summary>Loads the rules and starts watching; null when they do not validate (every diagnostic is logged).</summary>
    /// <param name="cacheDirectory">compiled conditions kept between restarts (unchanged rules are not compiled again); null for none</param>
    public static WatchedRuleSource? Open(string directory, Duration pollInterval, ILogger logger, string? cacheDirectory = null)
    {
        var fingerprint = Fingerprint(directory);
        var result = RuleSetCompilation.Load(directory, ReportFaultsTo(logger), cacheDirectory);
        LogDiagnostics(result, logger);
        if (result.Rules is not { } rules)
        {
            logger.LogError("the rules in {RulesDirectory} do not validate: {Errors} error(s); not starting", directory, result.Errors.Count());
            return null;
        }
        logger.LogInformation("loaded {Summary}", Summary(rules, result));
        return new WatchedRuleSource(directory, cacheDirectory, rules, fingerprint, pollInterval, logger);
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        lock (reloadLock)
        {
            if (!disposed) debounceTimer.Change(Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Reloads when anything below the directory differs from what was last read; both the watcher and the poll end here.</summary>
    public void ReloadIfChanged()
    {
        lock (reloadLock)
        {
            if (disposed) return;
            var fingerprint = Fingerprint(directory);
            if (fingerprint == lastSeenFingerprint) return;
            lastSeenFingerprint = fingerprint;
            RuleSet? applied = null;
            try
            {
                var result = RuleSetCompilation.Load(directory, ReportFaultsTo(logger), cacheDirectory);
                if (result.Rules is { } rules)
                {
                    LogDiagnostics(result, logger);
                    current = rules;
                    applied = rules;
                    logger.LogInformation("rules changed in {RulesDirectory}; now in force: {Summary}", directory, Summary(rules, result));
                }
                else
                {
                    logger.LogError("rules changed in {RulesDirectory} but do not validate ({Errors} error(s)); the last good rules stay in force",
                        directory, result.Errors.Count());
                    LogDiagnostics(result, logger);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file caught mid-write; the next event or poll reads it again.
                lastSeenFingerprint = "";
                logger.LogWarning("could not read the rules in {RulesDirectory} ({Reason}); trying again at the next change or poll", directory, e.Message);
            }
            if (applied is not null) RaiseChanged(applied);
        }
    }

    private void RaiseChanged(RuleSet rules)
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<EventHandler<RuleSet>>() ?? [])
        {
            try { handler(this, rules); }
            catch (Exception e)
            {
                logger.LogError(e, "a listener failed to take the new rules: {Reason}", e.Message);
            }
        }
    }

    private static void LogDiagnostics(LoadResult result, ILogger logger)
    {
        foreach (var d in result.Diagnostics)
        {
            if (d.Severity == Severity.Error) logger.LogError("{Diagnostic}", d.ToString());
            else logger.LogWarning("{Diagnostic}", d.ToString());
        }
    }

    private static string Summary(RuleSet rules, LoadResult result) =>
        $"{rules.Obligations.Length} obligation(s) in {rules.Directories.Count} jurisdiction(s) from {result.FileCount} file(s), {result.Warnings.Count()} warning(s)";

    /// <summary>Every file's path, size and last write time: any edit, addition, removal or rename changes it.</summary>
    private static string Fingerprint(string directory)
    {
        try
        {
            var files = Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                .Select(path => new FileInfo(path))
                .OrderBy(f => f.FullName, StringComparer.Ordinal)
                .Select(f => $"{f.FullName}|{f.Length}|{f.LastWriteTimeUtc.Ticks}");
            return string.Join('\n', files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    public void Dispose()
    {
        lock (reloadLock)
        {
            disposed = true;
        }
        watcher?.Dispose();
        debounceTimer.Dispose();
        pollTimer.Dispose();
    }
}
