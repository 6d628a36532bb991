using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Holds the latest <see cref="HealthSnapshot"/> and refreshes it: one operations overview (two store reads), plus one
/// read per interface whose last execution is KO to count its KOs in a row. Remembers each scheduled interface's next
/// expected occurrence between refreshes, which is how an occurrence that never started is noticed.
/// </summary>
internal sealed class HealthSnapshots(IExecutionOperations operations, TimeProvider time, IOptionsMonitor<ExecutionHealthOptions> options)
{
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly OverdueOccurrences overdue = new();
    private volatile HealthSnapshot? current;

    /// <summary>Gets the latest snapshot; null until the first refresh succeeds.</summary>
    public HealthSnapshot? Current => current;

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeout = new CancellationTokenSource(settings.StoreTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            // WaitAsync bounds the refresh even when the store ignores its token, so the next one is not blocked.
            var overviews = await operations.GetOverviewAsync(linked.Token).AsTask().WaitAsync(settings.StoreTimeout, time, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var interfaces = new Dictionary<string, InterfaceHealth>(overviews.Count, StringComparer.Ordinal);
            foreach (var overview in overviews)
            {
                var consecutiveKo = overview.LastExecution?.Status == ExecutionStatus.KO
                    ? await CountConsecutiveKoAsync(overview.Interface.Id, settings.ConsecutiveKoLimit, linked.Token).ConfigureAwait(false)
                    : 0;
                interfaces[overview.Interface.Id] = new InterfaceHealth(overview, overdue.Look(overview, now, settings.OverdueGrace), consecutiveKo);
            }

            current = new HealthSnapshot(now, interfaces);
        }
        finally
        {
            refreshing.Release();
        }
    }

    private async Task<int> CountConsecutiveKoAsync(string interfaceId, int limit, CancellationToken cancellationToken)
    {
        var page = await operations.QueryAsync(new ExecutionQuery { InterfaceId = interfaceId, Limit = limit }, cancellationToken).ConfigureAwait(false);
        var count = 0;
        foreach (var execution in page.Items.SkipWhile(e => e.Status == ExecutionStatus.Running))
        {
            if (execution.Status != ExecutionStatus.KO)
            {
                break;
            }

            count++;
        }

        return count;
    }
}
