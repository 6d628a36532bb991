using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Delivers the outbox: claims the notifications no node holds (or whose claim expired), hands each to every notifier,
/// and records the outcome. A failed delivery keeps the claim until it expires, so the next attempt waits one
/// <see cref="NotificationOptions.ClaimTimeout"/>, on any node.
/// </summary>
internal sealed class NotificationDelivery(
    IExecutionStore store,
    IEnumerable<IExecutionNotifier> notifiers,
    IOptions<ExecutionsOptions> executions,
    IOptions<NotificationOptions> options,
    ILogger<NotificationDelivery> logger)
{
    /// <summary>The most notifications one claim takes.</summary>
    public const int ClaimLimit = 16;

    private readonly IExecutionNotifier[] _notifiers = [.. notifiers];

    /// <summary>Delivers what the outbox holds for delivery now; returns how many notifications were delivered.</summary>
    public async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        while (true)
        {
            var claimed = await store.ClaimNotificationsAsync(executions.Value.NodeId, ClaimLimit, options.Value.ClaimTimeout, cancellationToken).ConfigureAwait(false);
            foreach (var stored in claimed)
            {
                var error = await DeliverAsync(stored, cancellationToken).ConfigureAwait(false);
                await store.FinishNotificationAsync(stored.Id, error, cancellationToken).ConfigureAwait(false);
                if (error is null)
                {
                    delivered++;
                    NotificationLog.Delivered(logger, stored.Id, stored.Attempts);
                }
            }

            if (claimed.Count < ClaimLimit)
            {
                return delivered;
            }
        }
    }

    private async Task<string?> DeliverAsync(StoredNotification stored, CancellationToken cancellationToken)
    {
        ExecutionNotification notification;
        try
        {
            notification = NotificationJson.Deserialize(stored.Payload);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            NotificationLog.Unreadable(logger, e, stored.Id);
            return $"The stored notification cannot be read: {e.Message}";
        }

        string? error = null;
        foreach (var notifier in _notifiers)
        {
            try
            {
                await notifier.NotifyAsync(notification, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                NotificationLog.DeliveryFailed(logger, e, stored.Id, notifier.GetType().Name, stored.Attempts, options.Value.ClaimTimeout);
                error = $"{notifier.GetType().Name}: {e.Message}";
            }
        }

        return error;
    }
}
