namespace Integration;

/// <summary>
/// Delivers notifications (an interface turning KO, recovering, overdue, …) to where support reads them: a webhook, a
/// chat, a pager. Register with <see cref="NotificationsBuilderExtensions.AddNotifier{TNotifier}"/>. Every node enqueues
/// the notifications it notices into the store's outbox; one node claims each and calls every registered notifier.
/// </summary>
/// <remarks>
/// A notifier throws when the delivery failed: the notification stays in the outbox and is tried again after
/// <see cref="NotificationOptions.ClaimTimeout"/>, on whichever node claims it then. A notifier that succeeded while
/// another registered one failed receives the notification again: receivers deduplicate by
/// <see cref="ExecutionNotification.Id"/>.
/// </remarks>
public interface IExecutionNotifier
{
    /// <summary>Delivers one notification.</summary>
    /// <param name="notification">What happened, with the action support should take.</param>
    /// <param name="cancellationToken">Cancels the delivery (the host is stopping).</param>
    /// <returns>A task that completes when the notification was delivered.</returns>
    Task NotifyAsync(ExecutionNotification notification, CancellationToken cancellationToken);
}
