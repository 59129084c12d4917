using NodaTime;
using SciLiteracy.Compliance.Composition;
using SciLiteracy.Compliance.Domain;
using SciLiteracy.Compliance.Domain.Planning;
using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.Notifications.Pipeline;
using SciLiteracy.Compliance.Notifications.Rendering;
using SciLiteracy.Compliance.Rules.Loading;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Tests.Support;

namespace SciLiteracy.Compliance.Tests.Notifications.Mail;

/// <summary>
/// The real pipeline on a real SQLite file, sending through MailKit to the given test SMTP server, for a jurisdiction of
/// <c>units</c> members whose first reminders all fall due at <see cref="FirstReminder"/>.
/// </summary>
public sealed class MailPipeline : IDisposable
{
    public const string Sender = "kx@mail.example.org";

    public MailPipeline(SmtpServerFixture server, int units, int connections = 1)
    {
        Rules = MailRules.Write(Temp, units);
        var loaded = RuleLoader.Load(Rules);
        Set = loaded.Rules ?? throw new InvalidOperationException(string.Join("\n", loaded.Diagnostics));
        var planner = new Planner(Set);
        FirstReminder = planner.Notifications(planner.Find(new OccurrenceKey("mail.report", "unit-01", "2025"))!)[0].SendAt.ToInstant();
        Store = TestState.Open(Temp["state/compliance.db"]);
        Store.Epoch(FirstReminder - Duration.FromDays(1));
        Transport = new SmtpMailTransport(new SmtpSettings("127.0.0.1", server.Port, SmtpSecurity.None, null, null)
            { Connections = connections, Timeout = TimeSpan.FromSeconds(10) });
        var options = new PipelineOptions { From = Sender };
        Cycle = CompliancePipeline.Create(new StaticRuleSource(Set), Store, [new EmailChannel(Transport, options.From)], Rules, options);
    }

    public TempDir Temp { get; } = TempDir.InMemory();
    public string Rules { get; }
    public RuleSet Set { get; }
    public IStateStore Store { get; }
    public SmtpMailTransport Transport { get; }
    public NotificationPipeline Cycle { get; }
    public Instant FirstReminder { get; }

    /// <summary>The ledger row of the first reminder to a unit's liaison.</summary>
    public LedgerRow Reminder(int unit) => Store.Ledger().Single(r => r.Key.UnitId == $"unit-{unit:00}" && r.Kind == NotificationKinds.Remind);

    public void Dispose()
    {
        Transport.Dispose();
        Temp.Dispose();
    }
}
