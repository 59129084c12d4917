using SciLiteracy.Compliance.Notifications.Mail;
using SciLiteracy.Compliance.State;
using SciLiteracy.Compliance.Worker;
using Xunit;

namespace SciLiteracy.Compliance.Tests.Worker;

/// <summary>The state path's checks, the configuration's precedence and secrets that never print.</summary>
// Not alongside other tests: one sets process environment variables that every host built meanwhile would read.
[Collection(SciLiteracy.Compliance.Tests.Drills.WorkerDrillCollection.Name)]
public sealed class StatePathAndSettingsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("scilit-path-").FullName;

    [Fact]
    public void ADanglingSymlinkAtTheStatePathIsRefusedAndNothingIsCreatedAtItsTarget()
    {
        var link = Path.Combine(root, "compliance.db");
        var target = Path.Combine(root, "gone", "compliance.db");
        File.CreateSymbolicLink(link, target);

        var e = Assert.Throws<StateFileException>(() => StatePathCheck.Check(link));
        Assert.Contains("symbolic link", e.Message);
        Assert.Contains(target, e.Message);
        Assert.False(Directory.Exists(Path.GetDirectoryName(target)), "the link's target folder was created");
    }

    [Fact]
    public void AFolderWritableByEveryoneIsRefusedAndAGroupWritableOneWarned()
    {
        if (!OperatingSystem.IsLinux()) return; // file modes: the service runs on Linux
        var open = Directory.CreateDirectory(Path.Combine(root, "open")).FullName;
        File.SetUnixFileMode(open, (UnixFileMode)Convert.ToInt32("777", 8));
        var shared = Directory.CreateDirectory(Path.Combine(root, "shared")).FullName;
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("770", 8));

        Assert.Contains("writable by every user", Assert.Throws<StateFileException>(() => StatePathCheck.Check(Path.Combine(open, "c.db"))).Message);
        Assert.Contains("writable by its group", Assert.Single(StatePathCheck.Check(Path.Combine(shared, "c.db"))));
        Assert.Empty(StatePathCheck.Check(Path.Combine(root, "c.db"))); // a fresh temp folder is 0700
    }

    [Fact]
    public void SmtpPortFromTheEnvironmentOverridesTheFileAndTheLegacyVariableSitsBetween()
    {
        File.WriteAllText(Path.Combine(root, "appsettings.json"), """{ "Smtp": { "Host": "mail.example.org", "Port": 587, "StartTls": true } }""");
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(root);
        try
        {
            Environment.SetEnvironmentVariable("SCILIT_SMTP_PORT", "2525");
            Environment.SetEnvironmentVariable("SCILIT_SMTP_STARTTLS", "false");
            var legacy = SmtpSettings.Read(key => WorkerHost.CreateBuilder([]).Configuration[key])!;
            Assert.Equal(2525, legacy.Port);
            Assert.Equal(SmtpSecurity.None, legacy.Security);

            Environment.SetEnvironmentVariable("Smtp__Port", "1025");
            Assert.Equal(1025, SmtpSettings.Read(key => WorkerHost.CreateBuilder([]).Configuration[key])!.Port);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SCILIT_SMTP_PORT", null);
            Environment.SetEnvironmentVariable("SCILIT_SMTP_STARTTLS", null);
            Environment.SetEnvironmentVariable("Smtp__Port", null);
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void SmtpSettingsNeverPrintThePassword()
    {
        var settings = new SmtpSettings("mail.example.org", 587, SmtpSecurity.StartTls, "gangyaoban", "s3cret-Passw0rd");
        Assert.DoesNotContain("s3cret-Passw0rd", settings.ToString());
        Assert.DoesNotContain("s3cret-Passw0rd", $"{settings}");
        Assert.Contains("mail.example.org", settings.ToString());
    }

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); }
        catch (IOException) { }
    }
}
