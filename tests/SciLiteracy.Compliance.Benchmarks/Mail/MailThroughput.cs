using SciLiteracy.Compliance.Notifications.Channels;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using NodaTime;
using SciLiteracy.Compliance.Notifications.Mail;

namespace SciLiteracy.Compliance.Benchmarks.Mail;

/// <summary>
/// `mail [N]`: messages per second to one local aiosmtpd with a fixed hostname (smtp_server.py, the tests' server), side by
/// side in one run: the old transport (System.Net.Mail, a connection per message), MailKit on 1 and on 4 reused connections,
/// and Python's smtplib on one connection (the floor: the same server, the same message bytes). Prints a Markdown table.
/// </summary>
public static class MailThroughput
{
    private const string Python = "/usr/bin/python3";
    private static readonly ZonedDateTime Moment = new LocalDateTime(2025, 12, 8, 9, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);

    private const string SmtplibFloor = """
        import smtplib, sys, time
        port, n, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
        data = open(path, "rb").read()
        s = smtplib.SMTP("127.0.0.1", port)
        s.ehlo()
        start = time.perf_counter()
        for i in range(n):
            s.sendmail("kx@mail.example.org", ["liaison.floor@test.example.org"], data.replace(b"f" * 32, b"%032x" % i))
        elapsed = time.perf_counter() - start
        s.quit()
        print(n / elapsed)
        """;

    public static async Task RunAsync(int messages)
    {
        var root = Path.Combine(Path.GetTempPath(), "scilit-mail-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var port = SciLiteracy.Compliance.Tests.Support.FreePort.OnLoopback();
        using var server = Process.Start(new ProcessStartInfo(Python,
            [Path.Combine(AppContext.BaseDirectory, "smtp_server.py"), port.ToString(CultureInfo.InvariantCulture), Path.Combine(root, "maildir"), Path.Combine(root, "log")])
            { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            if (await server.StandardOutput.ReadLineAsync() != "ready") throw new InvalidOperationException("smtp_server.py did not start");
            var settings = new SmtpSettings("127.0.0.1", port, SmtpSecurity.None, null, null);
            var legacyCount = Math.Max(50, messages / 4); // 20/s: a quarter of the messages is enough to measure it
            var rows = new List<(string What, double PerSecond, string Command)>
            {
                ("System.Net.Mail, a connection per message (before)", await Measure(new LegacySmtpTransport("127.0.0.1", port), legacyCount, 1), $"mail {messages}"),
            };
            using (var one = new SmtpMailTransport(settings with { Connections = 1 }))
                rows.Add(("MailKit, 1 reused connection (NoDelay)", await Measure(one, messages, 1), $"mail {messages}"));
            using (var four = new SmtpMailTransport(settings with { Connections = 4 }))
                rows.Add(("MailKit, 4 reused connections (NoDelay)", await Measure(four, messages, 4), $"mail {messages}"));
            rows.Add(("Python smtplib, 1 connection (floor)", PythonFloor(root, port, messages), $"mail {messages}"));

            var baseline = rows[0].PerSecond;
            Console.WriteLine($"| transport to aiosmtpd on 127.0.0.1 (fixed hostname) | messages/s | × before | ({messages} messages; before: {legacyCount}) |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var (what, perSecond, _) in rows)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {perSecond:F0} | {perSecond / baseline:F1} | |"));
        }
        finally
        {
            server.Kill();
            server.WaitForExit();
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>A reminder of the usual size: subject, a few lines of Chinese text and its HTML.</summary>
    public static OutgoingMessage Message(string id) => new($"{id}@mail.example.org", Moment, "kx@mail.example.org", "liaison.bench@test.example.org",
        "【寻乌县全民科学素质工作提醒】县教科体局：年度实施情况报告（2025）将于2025年12月19日（星期五）到期",
        string.Concat(Enumerable.Repeat("各成员单位在每年12月20日前报送实施情况。请按时报送，谢谢。\n", 20)),
        "<html><body>" + string.Concat(Enumerable.Repeat("<p>各成员单位在每年12月20日前报送实施情况。请按时报送，谢谢。</p>\n", 20)) + "</body></html>")
    { FromName = "寻乌县纲要办", ReplyTo = "liaison.office@xunwu.example.org" };

    // `parallel` senders share the transport, each sending one message after another: as the cycle keeps one in flight per connection.
    private static async Task<double> Measure(IMailTransport transport, int count, int parallel)
    {
        await transport.SendAsync(Message("warmup" + Guid.NewGuid().ToString("N")), CancellationToken.None); // connect and JIT outside the clock
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var result = await transport.SendAsync(Message($"{next:x32}"), CancellationToken.None);
                if (result.Status != DeliveryStatus.Delivered) throw new InvalidOperationException($"not delivered: {result}");
            }
        }));
        return count / clock.Elapsed.TotalSeconds;
    }

    private static double PythonFloor(string root, int port, int count)
    {
        var file = Path.Combine(root, "floor.eml");
        using (var stream = File.Create(file))
            new MimeMessageBuilder().Build(Message(new string('f', 32))).WriteTo(MimeMessageBuilder.FileFormat, stream);
        using var p = Process.Start(new ProcessStartInfo(Python, ["-c", SmtplibFloor, port.ToString(CultureInfo.InvariantCulture), count.ToString(CultureInfo.InvariantCulture), file])
            { RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}
