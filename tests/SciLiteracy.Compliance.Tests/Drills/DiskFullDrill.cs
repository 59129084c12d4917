using System.Diagnostics;

namespace SciLiteracy.Compliance.Tests.Drills;

/// <summary>
/// A small file system of the drill's own under the state folder (an 8 MiB tmpfs, mounted when the tests run as root, as
/// CI's container does) that the drill fills to the last byte and frees again: a full disk as the kernel reports it (ENOSPC).
/// </summary>
public sealed class DiskFullDrill : IDisposable
{
    private readonly string folder;

    private DiskFullDrill(string folder, bool mounted)
    {
        this.folder = folder;
        Mounted = mounted;
    }

    public bool Mounted { get; }
    public string Kind => Mounted ? "an 8 MiB tmpfs the drill mounted and filled" : "no tmpfs (not root, or mount refused)";
    private string Filler => Path.Combine(folder, "filler");

    public static DiskFullDrill Mount(string folder)
    {
        Directory.CreateDirectory(folder);
        var mounted = IsRoot() && Run("mount", "-t", "tmpfs", "-o", "size=8m,mode=0700", "tmpfs", folder) == 0;
        return new DiskFullDrill(folder, mounted);
    }

    /// <summary>Writes a file until the file system has no byte left.</summary>
    public void Fill()
    {
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true) file.Write(chunk);
        }
        catch (IOException) { /* full */ }
        // The last partial chunk: fill what is left byte by byte in 4 KiB steps.
        try
        {
            while (true) { file.Write(chunk, 0, 4096); file.Flush(); }
        }
        catch (IOException) { }
    }

    public void Free() => File.Delete(Filler);

    private static bool IsRoot()
    {
        try { return File.ReadAllLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0"); }
        catch (IOException) { return false; }
    }

    private static int Run(string program, params string[] args)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            p.WaitForExit(30_000);
            return p.HasExited ? p.ExitCode : -1;
        }
        catch (System.ComponentModel.Win32Exception) { return -1; }
    }

    public void Dispose()
    {
        if (Mounted) Run("umount", "-l", folder);
    }
}
