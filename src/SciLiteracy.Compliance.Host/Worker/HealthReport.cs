using System.Text.Json;
using System.Text.Json.Serialization;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// What the worker says about itself: `scilit health` reads it from <see cref="PathFor"/> (beside the state file), and the
/// web interface serves <see cref="WorkerHealth.Current"/> as HTTP /health. Healthy means the last evaluation succeeded;
/// <see cref="Reason"/> says why not otherwise. <see cref="UpdatedAt"/> is real time, refreshed every
/// <see cref="WorkerHealth.HeartbeatInterval"/>, so a reader can tell a worker that stopped from one that is quiet.
/// </summary>
public sealed record HealthReport(
    bool Healthy,
    string Reason,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? LastSuccessfulCycle,
    int PendingRows,
    int FlaggedRows,
    string RuleSet,
    int Pid)
{
    /// <summary>The file is rewritten in place at this fixed size, so that a full disk (no new blocks) cannot stop it being updated.</summary>
    public const int FileSize = 4096;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string PathFor(string stateFile) => Path.GetFullPath(stateFile) + ".health.json";

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>The report in a health file; null when the file holds none (a worker that never started).</summary>
    public static HealthReport? Read(string path)
    {
        var text = File.ReadAllText(path).Trim();
        return text.Length == 0 ? null : JsonSerializer.Deserialize<HealthReport>(text, Options);
    }
}
