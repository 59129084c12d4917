using Xunit;
using System.Diagnostics;
using NodaTime;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Calendars;
using SciLiteracy.Compliance.Rules.Loading;

namespace SciLiteracy.Compliance.Tests.Calendars;

/// <summary>
/// A temporary rules directory holding copies of the repository's Xunwu pack and calendar data,
/// so that tests read the real data without depending on packs others are still writing.
/// </summary>
public sealed class CalendarTestRules : IDisposable
{
    public CalendarTestRules(bool withXunwu = true, bool withCalendars = true)
    {
        Directory = Path.Combine(Path.GetTempPath(), "scilit-calendar-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        if (withXunwu) CopyTree(Path.Combine(RepositoryRules, "xunwu"), Path.Combine(Directory, "xunwu"));
        if (withCalendars) CopyTree(Path.Combine(RepositoryRules, "calendars"), Path.Combine(Directory, "calendars"));
    }

    public string Directory { get; }

    public static string RepositoryRules { get; } = FindRepositoryRules();

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public LoadResult Load() => RuleLoader.Load(Directory);

    public RuleSet LoadValid()
    {
        var result = Load();
        Assert.True(result.Rules is not null, string.Join("\n", result.Diagnostics));
        return result.Rules!;
    }

    /// <summary>The cn-mainland calendar from the repository's data.</summary>
    public static YearlyHolidayCalendar Mainland()
    {
        using var rules = new CalendarTestRules();
        return Assert.IsType<YearlyHolidayCalendar>(rules.LoadValid().Calendars["cn-mainland"]);
    }

    public static LocalDate Date(string iso) => NodaTime.Text.LocalDatePattern.Iso.Parse(iso).Value;

    /// <summary>Runs the real scilit executable and returns its exit code and output.</summary>
    public static (int ExitCode, string Out, string Err) RunCli(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "scilit.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "scilit did not finish within a minute");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    private static string FindRepositoryRules()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "rules", "calendars");
            if (System.IO.Directory.Exists(candidate)) return Path.Combine(dir.FullName, "rules");
        }
        throw new InvalidOperationException("cannot find the repository's rules/calendars above " + AppContext.BaseDirectory);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
