using System.Security.Cryptography;

namespace SciLiteracy.Compliance.Web.Tokens;

/// <summary>
/// The signing key: Web:TokenKey (base64, at least 32 bytes) from configuration or the environment (Web__TokenKey),
/// else the file beside the state file, created on first run with 32 random bytes and mode 0600. Never in the repository.
/// </summary>
public static class TokenKeyFile
{
    public const string FileName = "web-token.key";

    public static byte[] Load(string? configured, string stateFile)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            byte[] fromConfig;
            try { fromConfig = Convert.FromBase64String(configured.Trim()); }
            catch (FormatException) { throw new InvalidOperationException("Web:TokenKey: not base64; generate one with `openssl rand -base64 32`"); }
            if (fromConfig.Length < 32) throw new InvalidOperationException($"Web:TokenKey: {fromConfig.Length} bytes; at least 32 are needed");
            return fromConfig;
        }
        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(stateFile))!, FileName);
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        // Created with 0600 from the start, so the key is never readable by others, not even for a moment.
        // Written whole under another name, then moved into place: a process starting at the same time reads all of it or none.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var partial = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        using (var writer = new StreamWriter(new FileStream(partial, options))) writer.Write(Convert.ToBase64String(key));
        try { File.Move(partial, path, overwrite: false); }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            File.Delete(partial);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        return key;
    }
}
