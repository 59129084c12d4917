using NodaTime;
using SciLiteracy.Compliance.Notifications;
using SciLiteracy.Compliance.Notifications.Mail;

namespace SciLiteracy.Compliance.Tests.Web;

/// <summary>
/// Where the browser tests start from: the small rules' pipeline sending to a real SMTP server, the web interface on its
/// state, and the first cycle run, so 甲局's liaison has an email with its links in hand.
/// </summary>
public sealed class MailedUnit : IAsyncDisposable
{
    public const string Alpha = "liaison.alpha@test.example.org";

    private MailedUnit(SmtpServerFixture server, WebHarness web, IComplianceCycle cycle, Instant first, ParsedEmail mail)
    {
        Server = server;
        Web = web;
        Cycle = cycle;
        First = first;
        Mail = mail;
    }

    public SmtpServerFixture Server { get; }
    public WebHarness Web { get; }
    public PipelineHarness Pipeline => Web.Pipeline;
    public IComplianceCycle Cycle { get; }

    /// <summary>The first reminder's moment, when the first cycle ran and the web clock starts.</summary>
    public Instant First { get; }

    /// <summary>What 甲局's liaison received in the first cycle.</summary>
    public ParsedEmail Mail { get; }

    public static async Task<MailedUnit> StartAsync()
    {
        var server = new SmtpServerFixture();
        var pipeline = new PipelineHarness();
        var first = pipeline.Ladder("test.report", "alpha")[0].SendAt.ToInstant();
        var web = await WebHarness.StartAsync(first, pipeline: pipeline);
        pipeline.StartServiceBefore(first);
        var cycle = pipeline.Cycle(new SmtpMailTransport(new SmtpSettings("127.0.0.1", server.Port, SmtpSecurity.None, null, null)), web.PipelineOptions);
        await cycle.RunAsync(first, CancellationToken.None);
        return new MailedUnit(server, web, cycle, first, server.MessageFiles().Select(EmlReader.Read).Single(m => m.To == Alpha));
    }

    /// <summary>The emails the SMTP server received after the first <paramref name="skip"/>.</summary>
    public List<ParsedEmail> ReceivedAfter(int skip) => Server.MessageFiles().Skip(skip).Select(EmlReader.Read).ToList();

    public async ValueTask DisposeAsync()
    {
        await Web.DisposeAsync();
        Server.Dispose();
    }
}
