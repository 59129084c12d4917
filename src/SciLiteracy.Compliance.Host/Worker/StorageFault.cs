using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Worker;

/// <summary>Tells a failure of the disk under the state (full, I/O error, gone read-only) from the other ways a cycle fails.</summary>
public static class StorageFault
{
    private const int Eio = 5, Enospc = 28, Erofs = 30, Edquot = 122;

    public static bool Is(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (StateProviders.IsStorageFault(x)) return true;
            if (x is IOException io && (io.HResult & 0xFFFF) is Eio or Enospc or Erofs or Edquot) return true;
            if (x is IOException && x.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase)) return true;
            if (x is AggregateException aggregate && aggregate.InnerExceptions.Any(Is)) return true;
        }
        return false;
    }

    /// <summary>Less than this free under the state at start is refused: the first evaluation could not record anything.</summary>
    public const long MinimumFreeAtStart = 1024 * 1024;

    /// <summary>Refuses (<see cref="StateFileException"/>, one line) a start on a file system with less than <see cref="MinimumFreeAtStart"/> free.</summary>
    public static void RefuseIfFull(string stateFile)
    {
        if (FreeBytes(stateFile) is { } free && free < MinimumFreeAtStart)
            throw new StateFileException($"{stateFile}: error: only {Size(free)} free on the state's file system; scilit run needs at least " +
                $"{Size(MinimumFreeAtStart)} to record what it sends: free some space and start again");
    }

    /// <summary>Free bytes on the file system that holds <paramref name="path"/> (or its nearest existing folder); null when unknown.</summary>
    public static long? FreeBytes(string path)
    {
        try
        {
            var folder = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!);
            while (!folder.Exists && folder.Parent is { } parent) folder = parent;
            return new DriveInfo(folder.FullName).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException) { return null; }
    }

    /// <summary>Free space on the file system that holds <paramref name="path"/>, in words ("1.2 MiB free"), or why it is unknown.</summary>
    public static string FreeSpace(string path) => FreeBytes(path) is { } free ? $"{Size(free)} free" : "free space unknown";

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:F1} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):F1} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):F1} GiB",
    };
}
