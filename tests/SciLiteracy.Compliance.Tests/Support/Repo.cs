namespace SciLiteracy.Compliance.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SciLiteracy.Compliance.sln"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (SciLiteracy.Compliance.sln) above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary directory removed when disposed.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir() : this(System.IO.Path.GetTempPath())
    {
    }

    private TempDir(string parent)
    {
        Path = System.IO.Path.Combine(parent, "scilit-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>
    /// In a memory file system where there is one (/dev/shm): for tests that write a SQLite file thousands of times,
    /// where the disk's flushes would be most of the time they take and are not what they test.
    /// </summary>
    public static TempDir InMemory() => new(Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath());

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Copies a directory of the repository (e.g. rules/xunwu) into this one.</summary>
    public string CopyFromRepo(string relative, string? into = null)
    {
        var source = Repo.Path(relative);
        var target = System.IO.Path.Combine(Path, into ?? relative);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            System.IO.File.Copy(file, destination);
        }
        return target;
    }

    public void Dispose()
    {
        // Pooled SQLite connections keep state files open; release them so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
