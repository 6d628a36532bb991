using Microsoft.Extensions.Hosting;

namespace Integration;

/// <summary>When the host stops, settles this node's open days: their lines in flight are waited for, lost ones counted in the day.</summary>
internal sealed class DailyExecutionsHostedService(DailyExecutions daily) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => daily.SettleAllAsync().WaitAsync(cancellationToken);
}
