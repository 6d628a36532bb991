namespace Integration.Storage;

/// <summary>The notification outbox of the SQL stores: every statement from <see cref="NotificationSql"/>.</summary>
internal abstract partial class SqlExecutionStore<TDatabase, TLogWriter>
{
    public async ValueTask<bool> EnqueueNotificationAsync(StoredNotification notification, CancellationToken cancellationToken = default)
    {
        NotificationRules.Validate(notification);
        return await _database.ExecuteAsync(Sql.Notifications.Insert(notification), cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<IReadOnlyList<StoredNotification>> ClaimNotificationsAsync(string nodeId, int limit, TimeSpan claimTimeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(claimTimeout, TimeSpan.Zero);

        // As for run requests: a retried claim marks with the same id, and reads back what either attempt took.
        var claimId = Guid.NewGuid().ToString("N");
        var claimed = await _database.ExecuteAsync(Sql.Notifications.Claim(nodeId, limit, claimTimeout, claimId), cancellationToken).ConfigureAwait(false);
        return claimed == 0 ? [] : await _database.ReadAsync(Sql.Notifications.SelectClaimed(claimId), Sql.Notifications.Read, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<bool> FinishNotificationAsync(string notificationId, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notificationId);
        return await _database.ExecuteAsync(Sql.Notifications.Finish(notificationId, NotificationRules.Trim(error)), cancellationToken).ConfigureAwait(false) == 1;
    }

    public async ValueTask<StoredNotification?> GetNotificationAsync(string notificationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notificationId);
        var rows = await _database.ReadAsync(Sql.Notifications.SelectById(notificationId), Sql.Notifications.Read, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows[0];
    }

    public async ValueTask<int> PurgeNotificationsAsync(DateTimeOffset deliveredBefore, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return await _database.ExecuteAsync(Sql.Notifications.Purge(deliveredBefore, batchSize), cancellationToken).ConfigureAwait(false);
    }
}
