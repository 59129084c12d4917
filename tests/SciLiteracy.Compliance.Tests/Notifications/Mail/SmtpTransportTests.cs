using SciLiteracy.Compliance.Notifications.Channels;
using NodaTime;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Tests.Support;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Notifications.Mail;

/// <summary>MailKit's connections kept open from message to message, against a real SMTP server (aiosmtpd).</summary>
public sealed class SmtpTransportTests
{
    private static readonly ZonedDateTime Monday = new LocalDateTime(2025, 12, 8, 9, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);

    public static OutgoingMessage Message(int i) => new(
        $"{i:x32}@mail.example.org", Monday, "kx@mail.example.org", $"liaison.{i}@test.example.org",
        $"【寻乌县全民科学素质工作】提醒 {i}", $"第 {i} 封\n年度实施情况报告", $"<p>第 {i} 封</p>") { FromName = "寻乌县纲要办" };

    private static SmtpSettings To(SmtpServerFixture server, int connections) =>
        new("127.0.0.1", server.Port, SmtpSecurity.None, null, null) { Connections = connections, Timeout = TimeSpan.FromSeconds(10) };

    private static int Connections(SmtpServerFixture server) => server.FaultEvents().Count(e => e.Event == "connect");

    [Fact]
    public async Task A_thousand_messages_over_one_reused_connection_arrive_once_each()
    {
        using var server = new SmtpServerFixture();
        using (var transport = new SmtpMailTransport(To(server, connections: 1)))
            for (var i = 0; i < 1000; i++)
                Assert.Equal(DeliveryResult.Delivered, await transport.SendAsync(Message(i), CancellationToken.None));

        Assert.Equal(1, Connections(server));
        var received = EmlCheck.Run(server.MessageFiles());
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"<{i:x32}@mail.example.org>").Order(), received.Select(m => m.MessageId).Order());
        Assert.All(received, m => Assert.Empty(m.Defects));
    }

    [Fact]
    public async Task Four_connections_carry_sends_started_eight_at_a_time_and_never_open_a_fifth()
    {
        using var server = new SmtpServerFixture();
        using (var transport = new SmtpMailTransport(To(server, connections: 4)))
        {
            Assert.Equal(4, ((IMailTransport)transport).Connections);
            foreach (var batch in Enumerable.Range(0, 200).Chunk(8))
                Assert.All(await Task.WhenAll(batch.Select(i => transport.SendAsync(Message(i), CancellationToken.None))),
                    r => Assert.Equal(DeliveryStatus.Delivered, r.Status));
        }
        Assert.InRange(Connections(server), 1, 4);
        Assert.Equal(200, server.MessageFiles().Count);
    }

    [Fact]
    public async Task A_connection_the_server_closed_while_idle_is_replaced_without_failing_the_next_message()
    {
        using var server = new SmtpServerFixture();
        using var transport = new SmtpMailTransport(To(server, connections: 1));
        Assert.Equal(DeliveryStatus.Delivered, (await transport.SendAsync(Message(1), CancellationToken.None)).Status);
        server.Stop();
        server.Start(); // the open connection is dead now

        Assert.Equal(DeliveryStatus.Delivered, (await transport.SendAsync(Message(2), CancellationToken.None)).Status);
        Assert.Equal(2, server.MessageFiles().Count);
    }

    [Fact]
    public async Task A_server_that_is_down_is_reported_unavailable_not_refused()
    {
        using var server = new SmtpServerFixture();
        server.Stop();
        using var transport = new SmtpMailTransport(To(server, connections: 1));
        var result = await transport.SendAsync(Message(1), CancellationToken.None);
        Assert.Equal(DeliveryStatus.Unavailable, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Reply));
    }
}
