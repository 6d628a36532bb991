namespace Integration.Storage.InMemory;

/// <summary>
/// The notification outbox of the reference store: a dictionary under one lock, so that a claim reads and takes
/// notifications in one step (two claimers never both get one). Stamped by the store's clock.
/// </summary>
internal sealed partial class InMemoryExecutionStore
{
    private readonly Lock _outboxLock = new();
    private readonly Dictionary<string, StoredNotification> _outbox = new(StringComparer.Ordinal);

    public ValueTask<bool> EnqueueNotificationAsync(StoredNotification notification, CancellationToken cancellationToken = default)
    {
        NotificationRules.Validate(notification);
        cancellationToken.ThrowIfCancellationRequested();
        var stored = notification with { CreatedAt = _time.GetUtcNow(), Attempts = 0, ClaimedBy = null, ClaimedAt = null, DeliveredAt = null, LastError = null };
        lock (_outboxLock)
        {
            return new(_outbox.TryAdd(notification.Id, stored));
        }
    }

    public ValueTask<IReadOnlyList<StoredNotification>> ClaimNotificationsAsync(string nodeId, int limit, TimeSpan claimTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(claimTimeout, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxLock)
        {
            var now = _time.GetUtcNow();
            var claimed = _outbox.Values
                .Where(n => n.DeliveredAt is null && (n.ClaimedAt is null || n.ClaimedAt <= now - claimTimeout))
                .OrderBy(n => n.CreatedAt)
                .ThenBy(n => n.Id, StringComparer.Ordinal)
                .Take(limit)
                .Select(n => n with { ClaimedBy = nodeId, ClaimedAt = now, Attempts = n.Attempts + 1 })
                .ToList();
            foreach (var notification in claimed)
            {
                _outbox[notification.Id] = notification;
            }

            return new(claimed);
        }
    }

    public ValueTask<bool> FinishNotificationAsync(string notificationId, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notificationId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxLock)
        {
            if (!_outbox.TryGetValue(notificationId, out var notification) || notification.DeliveredAt is not null)
            {
                return new(false);
            }

            // A failed delivery keeps its claim: the next attempt waits for it to expire.
            _outbox[notificationId] = error is null
                ? notification with { DeliveredAt = _time.GetUtcNow(), LastError = null }
                : notification with { LastError = NotificationRules.Trim(error) };
            return new(true);
        }
    }

    public ValueTask<StoredNotification?> GetNotificationAsync(string notificationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notificationId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxLock)
        {
            return new(_outbox.GetValueOrDefault(notificationId));
        }
    }

    public ValueTask<int> PurgeNotificationsAsync(DateTimeOffset deliveredBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_outboxLock)
        {
            var purged = _outbox.Values
                .Where(n => n.DeliveredAt < deliveredBefore)
                .OrderBy(n => n.DeliveredAt)
                .Take(batchSize)
                .Select(n => n.Id)
                .ToList();
            foreach (var id in purged)
            {
                _outbox.Remove(id);
            }

            return new(purged.Count);
        }
    }
}
