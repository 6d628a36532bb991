using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Every sweep interval, abandons the running executions whose lease expired (the store decides by its own clock)
/// and lets <see cref="RetentionPurger"/> purge the executions past the retention age.
/// </summary>
internal sealed class ExecutionSweeper(
    IExecutionStore store,
    RunningExecutions running,
    TimeProvider time,
    IOptions<LeaseOptions> leases,
    RetentionPurger retention,
    IOptions<ExecutionsOptions> options,
    ILogger<ExecutionSweeper> logger)
    : BackgroundService
{

    /// <summary>Runs one round: abandons expired executions, then purges if a purge is due.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        // This node is alive: its own executions are renewed first, so a late heartbeat (a starved thread pool, a clock
        // that jumped) never makes a node abandon what it is running itself.
        foreach (var execution in running.Snapshot())
        {
            await store.RenewLeaseAsync(execution.Execution.Id, options.Value.NodeId, cancellationToken).ConfigureAwait(false);
        }

        var timeout = leases.Value.LeaseTimeout;
        var abandoned = await store.AbandonExpiredAsync(timeout, cancellationToken).ConfigureAwait(false);
        if (abandoned > 0)
        {
            LeaseLog.Abandoned(logger, abandoned, timeout);
        }

        await retention.PurgeIfDueAsync(logger, cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = leases.Value.SweepInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LeaseLog.SweepFailed(logger, e);
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }
}
