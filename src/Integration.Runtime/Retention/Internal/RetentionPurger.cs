using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Purges, when retention is on and a purge is due, the executions that ended before the retention age, in batches
/// until a batch comes back short. Called by the sweeper at each round.
/// </summary>
internal sealed class RetentionPurger(IExecutionStore store, TimeProvider time, IOptions<RetentionOptions> options)
{
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    /// <summary>Purges if retention is on and the purge interval has passed since the last purge.</summary>
    /// <param name="logger">The caller's log (purges are reported under the sweeper's category).</param>
    /// <param name="cancellationToken">Cancels the purge.</param>
    public async Task PurgeIfDueAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var retention = options.Value;
        if (retention.MaxAge is not { } maxAge || now < _nextPurge)
        {
            return;
        }

        _nextPurge = now + retention.PurgeInterval;
        var batch = retention.BatchSize;
        var cutOff = now - maxAge;
        int purged;
        do
        {
            purged = await store.PurgeAsync(cutOff, batch, cancellationToken).ConfigureAwait(false);
            if (purged > 0)
            {
                RetentionLog.Purged(logger, purged, cutOff);
            }
        }
        while (purged == batch);
    }
}
