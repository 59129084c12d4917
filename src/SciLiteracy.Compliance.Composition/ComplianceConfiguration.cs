using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using SciLiteracy.Compliance.Notifications.Pipeline;

namespace SciLiteracy.Compliance.Composition;

/// <summary>
/// The configuration every front end reads: the appsettings.json next to the binary, then one in the working directory,
/// then environment variables (Compliance__StateFile, …), then <c>overrides</c> (the command line).
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
        configuration.AddInMemoryCollection(overrides);
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
