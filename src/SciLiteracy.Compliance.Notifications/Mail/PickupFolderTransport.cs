using SciLiteracy.Compliance.Notifications.Channels;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>Writes each message as a .eml file (MimeKit, CRLF): the default when no SMTP host is configured, and what simulate uses.</summary>
public sealed class PickupFolderTransport(string folder, MimeMessageBuilder? builder = null) : IMailTransport
{
    private readonly MimeMessageBuilder builder = builder ?? new MimeMessageBuilder();

    public string Folder => folder;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, message.FileName);
        // Written under a temporary name and renamed, so a pickup reader never sees half a message.
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
            await builder.Build(message).WriteToAsync(MimeMessageBuilder.FileFormat, file, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return DeliveryResult.Delivered;
    }
}
