namespace SciLiteracy.Compliance.Notifications.Mail;

public static class MailTransports
{
    /// <summary>SMTP when a host is configured, otherwise .eml files in the pickup folder; DKIM-signed when a key is configured.</summary>
    public static IMailTransport Create(SmtpSettings? smtp, string pickupFolder, DkimSettings? dkim = null)
    {
        var builder = new MimeMessageBuilder(dkim);
        return smtp is null ? new PickupFolderTransport(pickupFolder, builder) : new SmtpMailTransport(smtp, builder);
    }
}
