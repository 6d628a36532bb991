using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// The store's reachability: one small read (the schedule states) per probe, bounded by
/// <see cref="ExecutionHealthOptions.StoreTimeout"/> on the host's clock, with its latency in the data. A probe must see
/// the store as it is now, which a cached snapshot cannot tell.
/// </summary>
internal sealed class StoreHealthCheck(IExecutionStore store, TimeProvider time, IOptionsMonitor<ExecutionHealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var timeout = options.CurrentValue.StoreTimeout;
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["timeoutMs"] = timeout.TotalMilliseconds };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var started = time.GetTimestamp();
        try
        {
            // WaitAsync bounds the wait even when the store ignores its token; the token then stops the read itself.
            await store.GetScheduleStatesAsync(stop.Token).AsTask().WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            var latency = time.GetElapsedTime(started);
            data["latencyMs"] = latency.TotalMilliseconds;
            return HealthCheckResult.Healthy($"The execution store answered in {latency.TotalMilliseconds:0} ms.", data);
        }
        catch (TimeoutException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            data["latencyMs"] = time.GetElapsedTime(started).TotalMilliseconds;
            return HealthCheckResult.Unhealthy($"The execution store did not answer within {timeout}.", data: data);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            data["latencyMs"] = time.GetElapsedTime(started).TotalMilliseconds;
            return HealthCheckResult.Unhealthy($"The execution store failed: {exception.Message}", exception, data);
        }
    }
}
