namespace SciLiteracy.Compliance.Notifications.Pipeline;

/// <summary>One step of the notification pipeline (<see cref="PipelineStages"/> lists them in order): reads and extends the cycle.</summary>
public interface ICycleStage
{
    Task RunAsync(CycleContext cycle, CancellationToken cancellationToken);
}
