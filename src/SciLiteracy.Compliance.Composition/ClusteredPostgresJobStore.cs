using System.Globalization;
using Microsoft.Extensions.Configuration;
using Quartz;

namespace SciLiteracy.Compliance.Composition;

/// <summary>
/// Quartz's triggers in the office's PostgreSQL database, clustered: every worker sharing the database is one scheduler
/// of the cluster, the evaluation job (DisallowConcurrentExecution) runs on one of them at a time, and the triggers of a
/// worker that stops checking in are taken over by the others (docs/deploy.md).
/// </summary>
public static class ClusteredPostgresJobStore
{
    /// <summary>How often a worker checks in (State:ClusterCheckinInterval); one silent for the threshold is taken for dead.</summary>
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(15);

    public static void Use(IPersistentStoreBuilder store, string connectionString, IConfiguration configuration)
    {
        store.UsePostgres(connectionString);
        // After losing the database (a restart, a failover) try again every 2 s rather than Quartz's 15 s: the cluster
        // is back within a fraction of the 2 days between two steps of even a fast ladder.
        store.ConfigureStore(options => options.DbRetryInterval = TimeSpan.FromSeconds(2));
        var interval = Read(configuration, "State:ClusterCheckinInterval", CheckinInterval);
        var threshold = Read(configuration, "State:ClusterCheckinMisfireThreshold", CheckinMisfireThreshold);
        store.UseClustering(c =>
        {
            c.CheckinInterval = interval;
            c.CheckinMisfireThreshold = threshold;
        });
    }

    private static TimeSpan Read(IConfiguration configuration, string key, TimeSpan fallback)
    {
        if (configuration[key] is not { Length: > 0 } text) return fallback;
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero) return span;
        throw new SettingsException($"{key}: '{text}' is not a positive duration; expected hh:mm:ss, e.g. 00:00:05");
    }
}
