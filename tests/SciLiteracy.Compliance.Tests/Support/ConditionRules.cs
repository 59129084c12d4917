using System.Diagnostics;
using System.Text;

namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>A throw-away rules directory: the Xunwu pack plus obligations a test writes, removed afterwards.</summary>
public sealed class ConditionRules : IDisposable
{
    public ConditionRules()
    {
        Directory = Path.Combine(Path.GetTempPath(), "scilit-expr-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(Path.Combine(RepositoryRoot, "rules", "xunwu"), Path.Combine(Directory, "xunwu"));
    }

    public string Directory { get; }
    public string ExtraFile => Path.Combine(Directory, "xunwu", "conditions.yaml");
    /// <summary>The path as diagnostics show it: the rules directory joined with the file's relative path.</summary>
    public string ExtraDisplayPath => Directory + "/xunwu/conditions.yaml";

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SciLiteracy.Compliance.sln"))) return dir.FullName;
            throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Writes obligations (YAML list items, already indented by two spaces) into the extra rule file.</summary>
    public void WriteObligations(string obligationsYaml) =>
        File.WriteAllText(ExtraFile, "version: 1\njurisdiction: xunwu\nobligations:\n" + obligationsYaml, new UTF8Encoding(false));

    /// <summary>A yearly report obligation for kexie and jiaoketi with the given extra keys (each line "    key: value").</summary>
    public static string Obligation(string id, string extraKeys, string schedule = "{ yearly: \"12-20\", from: 2025, until: 2025 }") =>
        $"  - id: {id}\n" +
        "    title: 条件测试\n" +
        "    kind: report\n" +
        "    source: { file: test.txt, clause: 一, quote: 测试 }\n" +
        "    responsible: { units: [kexie, jiaoketi] }\n" +
        $"    schedule: {schedule}\n" +
        (extraKeys.Length == 0 ? "" : extraKeys + "\n");

    /// <summary>The 1-based line and column where <paramref name="text"/> first appears in the extra file.</summary>
    public (int Line, int Column) PositionOf(string text)
    {
        var lines = File.ReadAllLines(ExtraFile);
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].IndexOf(text, StringComparison.Ordinal) is var at and >= 0) return (i + 1, at + 1);
        throw new InvalidOperationException($"'{text}' is not in {ExtraFile}");
    }

    /// <summary>Runs the real scilit executable as a process.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Scilit(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "scilit.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    private static void CopyDirectory(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var sub in System.IO.Directory.GetDirectories(from)) CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
    }
}
