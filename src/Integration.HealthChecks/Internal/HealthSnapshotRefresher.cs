using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>Refreshes the health snapshot at start and then every <see cref="ExecutionHealthOptions.RefreshInterval"/>, on the host's clock.</summary>
internal sealed class HealthSnapshotRefresher(HealthSnapshots snapshots, TimeProvider time, IOptionsMonitor<ExecutionHealthOptions> options, ILogger<HealthSnapshotRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await snapshots.RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The checks keep the previous snapshot; the store check reports the store itself.
                Log.SnapshotRefreshFailed(logger, exception);
            }

            try
            {
                await Task.Delay(options.CurrentValue.RefreshInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
