using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integration;

/// <summary>
/// Writes notifications into the store's outbox, each under a key derived from what it reports, so that every node
/// noticing the same transition stores it once. Does nothing when no notifier is registered.
/// </summary>
internal sealed class NotificationPublisher(
    IExecutionStore store,
    IEnumerable<IExecutionNotifier> notifiers,
    IOptions<NotificationOptions> options,
    IOptions<SupportOptions> support,
    TimeProvider time,
    ILogger<NotificationPublisher> logger)
{
    /// <summary>Gets a value indicating whether any notifier is registered.</summary>
    public bool Enabled { get; } = notifiers.Any();

    public Task TurnedKoAsync(InterfaceDefinition definition, Execution execution, ErrorCategory? category, RunRequest? retry)
    {
        var first = category is { } c ? $", first error {c}" : string.Empty;
        var next = retry is { ExecutionId: null, DueAt: { } due, Attempt: { } attempt }
            ? $" Automatic re-run {Count(attempt)} of {Count(definition.Schedule.ExternalFailureRetry?.MaxAttempts ?? attempt)} is due at {Time(due)}."
            : string.Empty;
        return PublishAsync(Create(NotificationKind.TurnedKo, $"turned-ko/{execution.Id}", definition, execution, category) with
        {
            Summary = $"{definition.DisplayName} turned KO: execution {execution.Id} ended KO{first}.{next}",
            Action = category?.Action() ?? "Open the execution: its log says why it failed.",
            NextRetryAt = retry is { ExecutionId: null } ? retry.DueAt : null,
            RetryMaxAttempts = definition.Schedule.ExternalFailureRetry?.MaxAttempts,
        });
    }

    public Task RecoveredAsync(InterfaceDefinition definition, Execution execution, Execution failed)
        => PublishAsync(Create(NotificationKind.Recovered, $"recovered/{execution.Id}", definition, execution, category: null) with
        {
            Summary = $"{definition.DisplayName} recovered: execution {execution.Id} ended OK after execution {failed.Id} ended KO.",
            Action = "Nothing to do.",
        });

    /// <summary>
    /// An overdue occurrence. Its key names the interface's last execution (or none): every node agrees on it, whichever
    /// occurrence it noticed first, and the interface is overdue again only after an execution started.
    /// </summary>
    public Task OverdueAsync(InterfaceDefinition definition, DateTimeOffset occurrence, ExecutionId? lastExecution)
        => PublishAsync(Create(NotificationKind.Overdue, $"overdue/{definition.Id}/after/{lastExecution?.ToString() ?? "none"}", definition, execution: null, category: null) with
        {
            Summary = $"{definition.DisplayName} is overdue: no execution started for its occurrence of {Time(occurrence)} within {options.Value.OverdueGrace}.",
            Action = "Check that a host runs the scheduler with this interface and that it reaches the store; then run it now.",
            Occurrence = occurrence,
            Contact = support.Value.SupportContact,
        });

    public Task OverMaxDurationAsync(InterfaceDefinition definition, Execution running)
        => PublishAsync(Create(NotificationKind.OverMaxDuration, $"over-max-duration/{running.Id}", definition, running, category: null) with
        {
            Summary = $"{definition.DisplayName}: execution {running.Id}, started {Time(running.StartedAt)}, is running past its maximum duration of {definition.Schedule.MaxDuration}.",
            Action = "Open its log: if it does not progress (the external system may hang), cancel it and re-run it.",
            Contact = support.Value.SupportContact,
        });

    public Task StaleDailyAsync(InterfaceDefinition definition, Execution daily)
        => PublishAsync(Create(NotificationKind.StaleDaily, $"stale-daily/{daily.Id}", definition, daily, category: null) with
        {
            Summary = $"{definition.DisplayName}: the daily execution {daily.Id}, opened {Time(daily.StartedAt)}, is still open after local midnight plus {options.Value.StaleDailyGrace}.",
            Action = "Check the hosts serving this interface's real-time calls: the next day's first call, or the scheduler at midnight, closes it.",
            Contact = support.Value.SupportContact,
        });

    public Task RetriesExhaustedAsync(InterfaceDefinition definition, Execution execution, int attempts, int maxAttempts)
        => PublishAsync(Create(NotificationKind.RetriesExhausted, $"retries-exhausted/{execution.Id}", definition, execution with { Status = ExecutionStatus.KO }, ErrorCategory.External) with
        {
            Summary = $"{definition.DisplayName}: the {Count(maxAttempts)} automatic re-run(s) of an External failure all failed (the last: execution {execution.Id}). Contact the provider.",
            Action = "Contact the provider: the failure persisted through every automatic re-run.",
            RetryAttempt = attempts,
            RetryMaxAttempts = maxAttempts,
        });

    private ExecutionNotification Create(NotificationKind kind, string id, InterfaceDefinition definition, Execution? execution, ErrorCategory? category) => new()
    {
        Id = id,
        Kind = kind,
        InterfaceId = definition.Id,
        InterfaceName = definition.DisplayName,
        Provider = definition.Provider.Name,
        OccurredAt = time.GetUtcNow(),
        Summary = string.Empty,
        ExecutionId = execution?.Id,
        Status = execution?.Status,
        Category = category,
        Contact = category is { } c ? SupportContacts.Line(SupportContacts.For(c, definition, support.Value.SupportContact)) : null,
        ConsoleLink = ConsoleLinks.For(options.Value.ConsoleLink, definition.Id, execution?.Id),
    };

    private async Task PublishAsync(ExecutionNotification notification)
    {
        if (!Enabled)
        {
            return;
        }

        var stored = await store.EnqueueNotificationAsync(new StoredNotification
        {
            Id = notification.Id,
            InterfaceId = notification.InterfaceId,
            Kind = notification.Kind,
            Payload = NotificationJson.Serialize(notification),
        }).ConfigureAwait(false);
        if (stored)
        {
            NotificationLog.Enqueued(logger, notification.Id, notification.Summary);
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
