namespace SciLiteracy.Compliance.Worker;

/// <summary>`scilit run`'s exit codes (docs/deploy.md): what systemd's journal and a monitor see.</summary>
public static class WorkerExitCodes
{
    /// <summary>Stopped when told (SIGTERM, Ctrl+C) within the shutdown bound.</summary>
    public const int Stopped = 0;

    /// <summary>Refused at start: the state file or its path, the disk under it, or the rules (each said in one line).</summary>
    public const int Refused = 1;

    /// <summary>A setting or the command line cannot be used.</summary>
    public const int BadSettings = 2;

    /// <summary>Another `scilit run` holds the state file (its pid is named).</summary>
    public const int AnotherWorker = 3;

    /// <summary>The stop took longer than Compliance:ShutdownTimeout; the process ended itself. In-flight sends stay pending.</summary>
    public const int StopTimedOut = 4;

    /// <summary>The worker stopped on a fault it could not handle (logged with its reason).</summary>
    public const int Faulted = 5;
}
