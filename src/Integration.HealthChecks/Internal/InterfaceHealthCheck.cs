using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>One registered interface's check: reads the cached snapshot, never the store.</summary>
internal sealed class InterfaceHealthCheck(HealthSnapshots snapshots, IOptionsMonitor<ExecutionHealthOptions> options, string interfaceId) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (snapshots.Current is not { } snapshot)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{interfaceId}: the first health snapshot has not been read yet (see the store check)."));
        }

        if (!snapshot.Interfaces.TryGetValue(interfaceId, out var health))
        {
            return Task.FromResult(HealthCheckResult.Degraded($"{interfaceId}: the health snapshot does not hold this interface."));
        }

        return Task.FromResult(InterfaceHealthEvaluation.Evaluate(health, snapshot.At, options.CurrentValue));
    }
}
