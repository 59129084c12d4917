using SciLiteracy.Compliance.Notifications.Channels;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace SciLiteracy.Compliance.Notifications.Mail;

/// <summary>
/// One connection to the SMTP server, kept open from message to message (MailKit's SmtpClient is not thread-safe: one per
/// connection, one message at a time). The socket has NoDelay set: without it Nagle's algorithm and the server's delayed ACK
/// cost about 40 ms a message. Tells apart how a send ended (<see cref="DeliveryStatus"/>).
/// </summary>
internal sealed class SmtpConnection(SmtpSettings settings) : IDisposable
{
    private readonly SmtpClient client = Client(settings);

    private static SmtpClient Client(SmtpSettings settings)
    {
        var client = new SmtpClient { Timeout = (int)Math.Min(settings.Timeout.TotalMilliseconds, int.MaxValue) };
        // A pinned certificate replaces the system's authorities: that one certificate and no other, whatever signs it.
        if (settings.TrustedCertificate is { } pinned)
            client.ServerCertificateValidationCallback = (_, certificate, _, _) => certificate is not null
                && string.Equals(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.GetRawCertData())), pinned, StringComparison.Ordinal);
        return client;
    }

    public async Task<DeliveryResult> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var reused = client.IsConnected;
        var (result, dataStarted) = await SendOnceAsync(message, cancellationToken);
        // A connection the server closed while it sat idle (a restart, an idle timeout) fails at the first command, before any
        // of the message: nothing can have been delivered, so one fresh connection is tried at once instead of a backoff.
        if (reused && result.Status == DeliveryStatus.Unavailable && !dataStarted)
            (result, _) = await SendOnceAsync(message, cancellationToken);
        return result;
    }

    private async Task<(DeliveryResult Result, bool DataStarted)> SendOnceAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var progress = new DataProgress();
        try
        {
            if (!client.IsConnected) await ConnectAsync(cancellationToken);
            await client.SendAsync(message, cancellationToken, progress);
            return (DeliveryResult.Delivered, true);
        }
        catch (SmtpCommandException e)
        {
            // The server answered: the connection still serves the next message, unless the server said it is closing (421).
            var code = (int)e.StatusCode;
            var reply = $"{code} {e.Message.Trim()}";
            if (code == 421) Drop();
            return (code >= 500 && e.ErrorCode != SmtpErrorCode.SenderNotAccepted ? DeliveryResult.Refused(reply)
                : code >= 400 && code != 421 && e.ErrorCode != SmtpErrorCode.SenderNotAccepted ? DeliveryResult.Deferred(reply)
                // A refused sender (or a closing server) refuses every message alike: the server is unavailable to us for now.
                : DeliveryResult.Unavailable(reply), progress.Started);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Drop();
            var error = e is OperationCanceledException ? $"no answer within {settings.Timeout}" : e.GetBaseException().Message;
            return (progress.Complete
                ? DeliveryResult.Uncertain($"connection lost after the message was sent, before the server's reply: {error}")
                : DeliveryResult.Unavailable(error), progress.Started);
        }
        catch
        {
            Drop();
            throw;
        }
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(settings.Host, settings.Port, timeout.Token);
            var options = settings.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.Ssl => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(socket, settings.Host, settings.Port, options, timeout.Token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        if (settings.User is not null) await client.AuthenticateAsync(settings.User, settings.Password ?? "", timeout.Token);
    }

    // A connection in an unknown state is never reused: the next message opens a new one.
    private void Drop()
    {
        try { client.Disconnect(quit: false); }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or ServiceNotConnectedException) { }
    }

    public void Dispose()
    {
        try { if (client.IsConnected) client.Disconnect(quit: true); }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException or OperationCanceledException or TimeoutException) { }
        client.Dispose();
    }

    /// <summary>How much of the message's data MailKit has written: all of it means the server may have the message.</summary>
    private sealed class DataProgress : ITransferProgress
    {
        public bool Started { get; private set; }
        public bool Complete { get; private set; }

        public void Report(long bytesTransferred, long totalSize)
        {
            Started = true;
            if (bytesTransferred >= totalSize) Complete = true;
        }

        public void Report(long bytesTransferred) => Started = true;
    }
}
