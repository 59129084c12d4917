using System.Globalization;
using Microsoft.Extensions.Configuration;
using NodaTime;
using NodaTime.Text;
using SciLiteracy.Compliance.Composition;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// Everything `scilit run` reads from configuration (appsettings.json, then environment, then --rules/--state),
/// with the defaults documented in docs/deploy.md. Read once at start; a bad value is a one-line error.
/// </summary>
public sealed record WorkerSettings(
    string RulesDirectory,
    string StateFile,
    string Outbox,
    Duration SafetyInterval,
    Duration RulesPollInterval,
    VirtualClockSettings? Clock)
{
    /// <summary>How long a stop (SIGTERM) may take: in-flight sends are cancelled and stay pending; past it the process exits with 4.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After an evaluation fails (a full disk), the next one is tried this much later rather than at the next safety tick.</summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Several workers on one shared store (Compliance:Clustered): the one-worker lock is not taken and Quartz keeps its triggers
    /// in a clustered store. Off by default; a SQLite state file is meant for one worker (the PostgreSQL store is for clusters).
    /// </summary>
    public bool Clustered { get; init; }


    /// <summary>The Compliance section; the Smtp section belongs to the mail transport, which reads it itself.</summary>
    public static WorkerSettings From(IConfiguration configuration)
    {
        var compliance = configuration.GetSection("Compliance");
        var clock = compliance.GetSection("Clock");
        return new WorkerSettings(
            RulesDirectory: compliance["RulesDirectory"] is { Length: > 0 } rules ? rules : ComplianceDefaults.RulesDirectory,
            StateFile: compliance["StateFile"] is { Length: > 0 } state ? state : ComplianceDefaults.StateFile,
            Outbox: compliance["Outbox"] is { Length: > 0 } outbox ? outbox : ComplianceDefaults.Outbox,
            SafetyInterval: ReadDuration(compliance, "SafetyInterval", Duration.FromMinutes(15)),
            RulesPollInterval: ReadDuration(compliance, "RulesPollInterval", Duration.FromSeconds(30)),
            Clock: clock["StartAt"] is { Length: > 0 }
                ? new VirtualClockSettings(
                    ParseInstant(clock.GetSection("StartAt")),
                    ReadDouble(clock, "Speed", 1.0),
                    clock["Anchor"] is { Length: > 0 } ? ParseInstant(clock.GetSection("Anchor")) : null)
                : null)
        {
            ShutdownTimeout = ReadDuration(compliance, "ShutdownTimeout", Duration.FromSeconds(10)).ToTimeSpan(),
            RetryAfterFailure = ReadDuration(compliance, "RetryAfterFailure", Duration.FromSeconds(30)).ToTimeSpan(),
            Clustered = compliance["Clustered"] is { Length: > 0 } clustered
                ? bool.TryParse(clustered, out var on) ? on : throw new SettingsException($"Compliance:Clustered: '{clustered}' is not true or false")
                : false,
        };
    }

    private static Duration ReadDuration(IConfigurationSection section, string key, Duration fallback)
    {
        if (section[key] is not { Length: > 0 } text) return fallback;
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero) return Duration.FromTimeSpan(span);
        throw new SettingsException($"{section.Path}:{key}: '{text}' is not a positive duration; expected hh:mm:ss, e.g. 00:15:00");
    }

    private static double ReadDouble(IConfigurationSection section, string key, double fallback)
    {
        if (section[key] is not { Length: > 0 } text) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0) return value;
        throw new SettingsException($"{section.Path}:{key}: '{text}' is not a positive number");
    }

    private static Instant ParseInstant(IConfigurationSection section)
    {
        var text = section.Value ?? "";
        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (parsed.Success) return parsed.Value.ToInstant();
        throw new SettingsException($"{section.Path}: '{text}' is not a date and time with offset, e.g. 2025-12-01T08:00:00+08:00");
    }
}
