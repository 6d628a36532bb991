using Microsoft.Extensions.Logging;

namespace Integration;

/// <summary>The host's log lines of notifications.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(1401, LogLevel.Information, "Notification {NotificationId} stored for delivery: {Summary}")]
    public static partial void Enqueued(ILogger logger, string notificationId, string summary);

    [LoggerMessage(1402, LogLevel.Information, "Notification {NotificationId} delivered (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string notificationId, int attempt);

    [LoggerMessage(1403, LogLevel.Warning, "Notification {NotificationId}: {Notifier} failed (attempt {Attempt}); it is tried again in {ClaimTimeout}")]
    public static partial void DeliveryFailed(ILogger logger, Exception exception, string notificationId, string notifier, int attempt, TimeSpan claimTimeout);

    [LoggerMessage(1404, LogLevel.Error, "Notification {NotificationId}: its stored payload cannot be read")]
    public static partial void Unreadable(ILogger logger, Exception exception, string notificationId);

    [LoggerMessage(1405, LogLevel.Error, "Notifications: looking for transitions failed; next look in one poll interval")]
    public static partial void WatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(1406, LogLevel.Error, "Notifications: delivering the outbox failed; next attempt in one poll interval")]
    public static partial void DeliverFailed(ILogger logger, Exception exception);

    [LoggerMessage(1407, LogLevel.Warning, "Notifications: deleting delivered notifications failed")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);
}
