using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Hosting;
using SciLiteracy.Compliance.Composition;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// Serilog for `scilit run`: a bootstrap logger (stderr) for what fails before the configuration can be read, then the
/// logger the Serilog section of appsettings.json describes, handed to the host with Serilog.Extensions.Hosting.
/// </summary>
public static class WorkerLogging
{
    /// <summary>Start-up failures (an appsettings.json that does not parse, a bad Serilog section) as one line on stderr.</summary>
    public static ReloadableLogger Bootstrap() => new LoggerConfiguration()
        .MinimumLevel.Information()
        .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "{Message:lj}{NewLine}")
        .CreateBootstrapLogger();

    /// <summary>The configured logger; a Serilog section that cannot be used is a <see cref="SettingsException"/>, not a stack trace.</summary>
    public static Serilog.Core.Logger FromConfiguration(IConfiguration configuration)
    {
        try { return new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger(); }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or InvalidCastException or System.Reflection.TargetInvocationException)
        {
            throw new SettingsException($"Serilog: {e.GetBaseException().Message}");
        }
    }
}
