using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Every sweep interval, abandons the running executions whose lease expired (the store decides by its own clock)
/// and, when retention is on, purges the executions that ended before the retention age, in batches.
/// </summary>
internal sealed class ExecutionSweeper(
    IExecutionStore store,
    RunningExecutions running,
    TimeProvider time,
    IOptions<LeaseOptions> leases,
    IOptions<RetentionOptions> retention,
    IOptions<ExecutionsOptions> options,
    ILogger<ExecutionSweeper> logger)
    : BackgroundService
{
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

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

        var now = time.GetUtcNow();
        if (retention.Value.MaxAge is not { } maxAge || now < _nextPurge)
        {
            return;
        }

        _nextPurge = now + retention.Value.PurgeInterval;
        var batch = retention.Value.BatchSize;
        var cutOff = now - maxAge;
        int purged;
        do
        {
            purged = await store.PurgeAsync(cutOff, batch, cancellationToken).ConfigureAwait(false);
            if (purged > 0)
            {
                LeaseLog.Purged(logger, purged, cutOff);
            }
        }
        while (purged == batch);
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
