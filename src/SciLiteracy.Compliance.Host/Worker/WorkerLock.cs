using System.Globalization;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// One worker per state file: `&lt;state&gt;.lock` beside it holds the owner's pid under an fcntl record lock. The kernel drops
/// the lock when the process ends however it ends (kill -9 included), so a stale file never blocks a restart.
/// </summary>
public sealed class WorkerLock : IDisposable
{
    private readonly FileStream stream;

    private WorkerLock(FileStream stream, string path)
    {
        this.stream = stream;
        Path = path;
    }

    public string Path { get; }

    public static string PathFor(string stateFile) => System.IO.Path.GetFullPath(stateFile) + ".lock";

    /// <summary>Takes the lock, or throws <see cref="WorkerLockedException"/> naming the process that holds it.</summary>
    public static WorkerLock Acquire(string stateFile)
    {
        // The service runs on Linux; macOS has no record locks through .NET.
        if (OperatingSystem.IsMacOS()) throw new PlatformNotSupportedException("the one-worker lock needs Linux or Windows");
        var path = PathFor(stateFile);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        // FileShare.ReadWrite: .NET's own whole-file lock would keep the second worker from reading the holder's pid.
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            try { stream.Lock(0, 1); }
            catch (IOException)
            {
                var holder = ReadPid(stream);
                throw new WorkerLockedException(stateFile, holder);
            }
            stream.SetLength(0);
            var pid = System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.Write(pid);
            stream.Flush();
            return new WorkerLock(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static int? ReadPid(FileStream stream)
    {
        try
        {
            stream.Position = 0;
            using var reader = new StreamReader(stream, leaveOpen: true);
            return int.TryParse(reader.ReadLine(), CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException) { return null; }
    }

    public void Dispose()
    {
        if (!OperatingSystem.IsMacOS())
        {
            try { stream.Unlock(0, 1); }
            catch (IOException) { /* closing the file releases it anyway */ }
        }
        stream.Dispose();
    }
}
