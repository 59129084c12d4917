using Quartz;

namespace SciLiteracy.Compliance.Scheduling;

/// <summary>
/// Quartz's triggers in the office's PostgreSQL database, clustered: every worker sharing the database is one scheduler
/// of the cluster, the evaluation job (DisallowConcurrentExecution) runs on one of them at a time, and the triggers of a
/// worker that stops checking in are taken over by the others (docs/deploy.md).
/// </summary>
public static class ClusteredPostgresJobStore
{
    /// <summary>How often a worker checks in; a worker silent for CheckinMisfireThreshold is taken for dead.</summary>
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan CheckinMisfireThreshold = TimeSpan.FromSeconds(15);

    public static void Use(IPersistentStoreBuilder store, string connectionString)
    {
        store.UsePostgres(connectionString);
        store.UseClustering(c =>
        {
            c.CheckinInterval = CheckinInterval;
            c.CheckinMisfireThreshold = CheckinMisfireThreshold;
        });
    }
}
