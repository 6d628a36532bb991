using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// On every node with a notifier: every poll interval, watches for transitions, delivers the outbox, and once an hour
/// deletes the notifications delivered longer ago than <see cref="NotificationOptions.KeepDelivered"/>.
/// </summary>
internal sealed class NotificationWorker(
    NotificationWatcher watcher,
    NotificationDelivery delivery,
    IExecutionStore store,
    TimeProvider time,
    IOptions<NotificationOptions> options,
    ILogger<NotificationWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);
    private DateTimeOffset _nextPurge;

    /// <summary>One round: watch, deliver, and purge when due. Each step's failure is logged and does not stop the others.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await watcher.WatchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            NotificationLog.WatchFailed(logger, e);
        }

        try
        {
            await delivery.DeliverAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            NotificationLog.DeliverFailed(logger, e);
        }

        var now = time.GetUtcNow();
        if (now >= _nextPurge)
        {
            _nextPurge = now + PurgeInterval;
            try
            {
                await store.PurgeNotificationsAsync(now - options.Value.KeepDelivered, 1000, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                NotificationLog.PurgeFailed(logger, e);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping; what is not delivered stays in the outbox.
        }
    }
}
