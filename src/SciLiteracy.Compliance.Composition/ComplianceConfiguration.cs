using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using SciLiteracy.Compliance.Notifications.Pipeline;

namespace SciLiteracy.Compliance.Composition;

/// <summary>
/// The configuration every front end reads: the appsettings.json next to the binary, then one in the working directory,
/// then the legacy SCILIT_SMTP_* variables, then environment variables (Compliance__StateFile, Smtp__Port, …), then
/// <c>overrides</c> (the command line): each later source over the earlier ones (the .NET convention).
/// </summary>
public static class ComplianceConfiguration
{
    public static void AddSources(IConfigurationBuilder configuration, string contentRoot, IEnumerable<KeyValuePair<string, string?>> overrides)
    {
        // The published binary carries its own appsettings.json; one in the working directory overrides it.
        if (!string.Equals(Path.GetFullPath(AppContext.BaseDirectory).TrimEnd('/'), Path.GetFullPath(contentRoot).TrimEnd('/'), StringComparison.Ordinal))
            configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = ComplianceDefaults.SettingsFile,
                Optional = true,
                FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            });
        // SCILIT_SMTP_PORT and the like came after the files once, so the shipped Smtp:Port and Smtp:StartTls always won
        // over them; now they sit above the files and below Smtp__Port.
        var environment = configuration.Sources.Select((source, index) => (source, index))
            .FirstOrDefault(s => s.source is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        var legacy = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = LegacySmtpVariables() };
        if (environment.source is null) configuration.Sources.Add(legacy);
        else configuration.Sources.Insert(environment.index, legacy);
        configuration.AddInMemoryCollection(overrides);
    }

    /// <summary>SCILIT_SMTP_HOST, SCILIT_SMTP_PORT, … as Smtp:Host, Smtp:Port, … (SCILIT_SMTP_STARTTLS as Smtp:StartTls).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> LegacySmtpVariables()
    {
        string[] keys = ["Host", "Port", "Security", "StartTls", "User", "Password", "Timeout", "Connections", "From"];
        foreach (var key in keys)
            if (Environment.GetEnvironmentVariable("SCILIT_SMTP_" + key.ToUpperInvariant()) is { Length: > 0 } value)
                yield return new("Smtp:" + key, value);
    }

    /// <summary>The same configuration without a host, for verbs that only need settings (simulate, test-rules).</summary>
    public static IConfiguration Build(IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(new PhysicalFileProvider(Directory.GetCurrentDirectory()), ComplianceDefaults.SettingsFile, optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        AddSources(builder, Directory.GetCurrentDirectory(), overrides ?? []);
        return builder.Build();
    }

    /// <summary>The pipeline's settings: `run`, `simulate`, `test-rules` and the benchmarks all read them here.</summary>
    public static PipelineOptions PipelineOptions(IConfiguration configuration) =>
        new() { From = configuration["Smtp:From"] is { Length: > 0 } from ? from : ComplianceDefaults.From };

    /// <summary>State:Provider, <c>sqlite</c> unless set.</summary>
    public static string StateProvider(IConfiguration configuration) =>
        configuration["State:Provider"] is { Length: > 0 } name ? name : ComplianceDefaults.StateProvider;
}
