using SciLiteracy.Compliance.State;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// Checks the state path before `run` opens anything there: a dangling symlink would otherwise be followed and a new,
/// empty database created at its target; a folder others may write lets them replace the ledger or plant files beside it.
/// </summary>
public static class StatePathCheck
{
    private const UnixFileMode WrittenByOthers = UnixFileMode.OtherWrite;
    private const UnixFileMode WrittenByGroup = UnixFileMode.GroupWrite;

    /// <summary>Warnings to log (a group-writable folder); throws <see cref="StateFileException"/> (one line) for what is refused.</summary>
    public static IReadOnlyList<string> Check(string stateFile)
    {
        var warnings = new List<string>();
        var file = new FileInfo(stateFile);
        if (LinkTargetOf(file) is { } target)
        {
            // ResolveLinkTarget(true) follows a chain; null or a missing final target means the link points nowhere.
            var final = file.ResolveLinkTarget(returnFinalTarget: true);
            if (final is null || !final.Exists)
                throw new StateFileException($"{stateFile}: error: the state path is a symbolic link to {target}, which does not exist; " +
                    "scilit will not create a new, empty state at a link's target (restore the file, or point --state at the real one)");
        }
        if (OperatingSystem.IsWindows()) return warnings;
        // The folder that will hold the file, or the nearest one that exists (it is created on first start).
        var folder = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(LinkTargetOf(file) is null ? stateFile : file.ResolveLinkTarget(true)!.FullName))!);
        while (!folder.Exists && folder.Parent is { } parent) folder = parent;
        var mode = folder.UnixFileMode;
        if ((mode & WrittenByOthers) != 0)
            throw new StateFileException($"{stateFile}: error: the state folder {folder.FullName} is writable by every user (mode {Octal(mode)}); " +
                "anyone could replace the ledger or plant files beside it: use a folder only the service's user can write (chmod o-w, or e.g. /var/lib/scilit)");
        if ((mode & WrittenByGroup) != 0)
            warnings.Add($"{stateFile}: warning: the state folder {folder.FullName} is writable by its group (mode {Octal(mode)}); every member of the group can change the ledger");
        return warnings;
    }

    // LinkTarget throws for a path that does not exist at all (a first start): that is no link.
    private static string? LinkTargetOf(FileInfo file)
    {
        try { return file.LinkTarget; }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0xFFF, 8).PadLeft(4, '0');
}
