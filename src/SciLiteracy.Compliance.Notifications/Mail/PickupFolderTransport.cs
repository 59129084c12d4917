using System.Text;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>Writes each message as a .eml file: the default when no SMTP host is configured, and what simulate uses.</summary>
public sealed class PickupFolderTransport(string folder) : IMailTransport
{
    public string Folder => folder;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, message.FileName);
        // Written under a temporary name and renamed, so a pickup reader never sees half a message.
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, MimeWriter.Write(message), new UTF8Encoding(false), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
