using SciLiteracy.Compliance.Notifications.Channels;
using System.Threading.Channels;
using MimeKit;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>
/// Sends through an SMTP server with MailKit over <see cref="SmtpSettings.Connections"/> connections kept open between
/// messages (reconnecting when one drops), each carrying at most one message at a time.
/// </summary>
public sealed class SmtpMailTransport : IMailTransport, IDisposable
{
    private readonly MimeMessageBuilder builder;
    private readonly List<SmtpConnection> all;
    private readonly Channel<SmtpConnection> idle;

    public SmtpMailTransport(SmtpSettings settings, MimeMessageBuilder? builder = null)
    {
        this.builder = builder ?? new MimeMessageBuilder();
        all = Enumerable.Range(0, settings.Connections).Select(_ => new SmtpConnection(settings)).ToList();
        idle = Channel.CreateBounded<SmtpConnection>(settings.Connections);
        foreach (var connection in all) idle.Writer.TryWrite(connection);
        Connections = settings.Connections;
    }

    public int Connections { get; }

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        MimeMessage mime;
        try { mime = builder.Build(message); }
        catch (ParseException e) { return DeliveryResult.Refused($"not a valid address: {e.Message}"); }
        var connection = await idle.Reader.ReadAsync(cancellationToken);
        try { return await connection.SendAsync(mime, cancellationToken); }
        finally { idle.Writer.TryWrite(connection); }
    }

    /// <summary>Says QUIT on every open connection.</summary>
    public void Dispose()
    {
        foreach (var connection in all) connection.Dispose();
    }
}
