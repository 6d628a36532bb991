using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Ends the host's running executions when it stops: waits up to <see cref="ExecutionsOptions.ShutdownGracePeriod"/>
/// for them to end by themselves, then cancels them; they end <see cref="ExecutionStatus.Cancelled"/>.
/// </summary>
internal sealed class ExecutionsHostedService(RunningExecutions running, TimeProvider time, IOptions<ExecutionsOptions> options, ILogger<ExecutionsHostedService> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        running.StopAccepting();
        var snapshot = running.Snapshot();
        if (snapshot.Count == 0)
        {
            return;
        }

        var all = Task.WhenAll(snapshot.Select(r => r.Completion));
        var grace = options.Value.ShutdownGracePeriod;
        if (grace > TimeSpan.Zero)
        {
            try
            {
                await all.WaitAsync(grace, time, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
                // Past the grace period: cancel what still runs.
            }
            catch (Exception) when (all.IsCompleted)
            {
                return;
            }
        }

        var still = running.Snapshot();
        Log.CancellingOnShutdown(logger, still.Count);
        foreach (var execution in still)
        {
            execution.Cancel(ExecutionReason.Cancelled, "the host is stopping");
        }

        try
        {
            await Task.WhenAll(still.Select(r => r.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Each execution's failure is already recorded in its own log and in the host's.
        }
    }
}
