using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SciLiteracy.Compliance.Worker;

/// <summary>
/// Runs the worker until told to stop, and stops within <see cref="WorkerSettings.ShutdownTimeout"/> whatever the SMTP
/// server does: the host cancels the evaluation in flight (its rows stay pending for the next start), and a watchdog ends
/// the process with <see cref="WorkerExitCodes.StopTimedOut"/> should anything still hold on past the bound, before
/// systemd's TimeoutStopSec would SIGKILL it.
/// </summary>
public static class BoundedRun
{
    /// <summary>Room between the host's own bound and the watchdog's, for the last log lines to be written.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    public static int Run(IHost host, WorkerSettings settings, Action<string> error)
    {
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BoundedRun).FullName!);
        using var finished = new ManualResetEventSlim();
        lifetime.ApplicationStopping.Register(() => new Thread(() =>
        {
            if (finished.Wait(settings.ShutdownTimeout + Grace)) return;
            logger.LogError("did not stop within {Bound} (Compliance:ShutdownTimeout); ending the process: sends in flight stay pending for the next start",
                settings.ShutdownTimeout);
            Serilog.Log.CloseAndFlush();
            Environment.Exit(WorkerExitCodes.StopTimedOut);
        }) { IsBackground = true, Name = "shutdown watchdog" }.Start());
        try
        {
            host.Run();
            return WorkerExitCodes.Stopped;
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // A hosted service that saw its stop token cancelled at the bound: stopped as told, if not tidily.
            logger.LogWarning("stopped; a part of the worker was still stopping at the bound of {Bound}", settings.ShutdownTimeout);
            return WorkerExitCodes.Stopped;
        }
        catch (Exception e) when (StorageFault.Is(e))
        {
            error($"{settings.StateFile}: error: cannot start: {e.GetBaseException().Message} ({StorageFault.FreeSpace(settings.StateFile)})");
            return WorkerExitCodes.Refused;
        }
        catch (Exception e)
        {
            logger.LogError(e, "the worker stopped on a fault: {Reason}", e.GetBaseException().Message);
            error($"error: the worker stopped on a fault: {e.GetBaseException().Message}");
            return WorkerExitCodes.Faulted;
        }
        finally
        {
            finished.Set();
        }
    }
}
