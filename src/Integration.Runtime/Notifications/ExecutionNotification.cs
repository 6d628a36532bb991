using System.Text.Json;

namespace Integration;

/// <summary>
/// What a notifier receives: one transition of one interface (<see cref="Kind"/>), with what support needs to act on it
/// without opening the console: the execution, its status, its first error's category, the category's action and who
/// to contact.
/// </summary>
public sealed record ExecutionNotification
{
    /// <summary>
    /// Gets the options of a notification's JSON form (read-only): camelCase, enums by name, nulls left out, execution
    /// ids as their string form. The store's outbox keeps notifications in this form, and the webhook notifier sends it
    /// as its event's data; a custom notifier that posts JSON can use it too.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = NotificationJson.Create();

    /// <summary>Gets the notification's id, the same on every node and every delivery attempt (receivers deduplicate by it).</summary>
    public required string Id { get; init; }

    /// <summary>Gets what happened.</summary>
    public required NotificationKind Kind { get; init; }

    /// <summary>Gets the interface's id.</summary>
    public required string InterfaceId { get; init; }

    /// <summary>Gets the interface's display name.</summary>
    public required string InterfaceName { get; init; }

    /// <summary>Gets the external system's provider.</summary>
    public string? Provider { get; init; }

    /// <summary>Gets when the transition was noticed.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Gets one sentence a person reads first, e.g. "fnac-sales turned KO: External error (partner answered 503)".</summary>
    public required string Summary { get; init; }

    /// <summary>Gets the execution it is about; null for an overdue occurrence (no execution started).</summary>
    public ExecutionId? ExecutionId { get; init; }

    /// <summary>Gets the execution's status when the notification was made; null when there is no execution.</summary>
    public ExecutionStatus? Status { get; init; }

    /// <summary>Gets the category of the execution's first error; null when it has none.</summary>
    public ErrorCategory? Category { get; init; }

    /// <summary>Gets the action support should take (the category's action, or the situation's).</summary>
    public string? Action { get; init; }

    /// <summary>Gets who to contact: the provider's contact for an External error, the configuration or mapping owner otherwise; null when not known.</summary>
    public string? Contact { get; init; }

    /// <summary>Gets the scheduled occurrence that was missed (<see cref="NotificationKind.Overdue"/>); null otherwise.</summary>
    public DateTimeOffset? Occurrence { get; init; }

    /// <summary>Gets, for an automatic re-run's outcome, its number in the failure chain (1 for the first re-run); null otherwise.</summary>
    public int? RetryAttempt { get; init; }

    /// <summary>Gets, when the interface re-runs External failures, how many re-runs it allows; null otherwise.</summary>
    public int? RetryMaxAttempts { get; init; }

    /// <summary>Gets when the next automatic re-run is due, when one is scheduled; null otherwise.</summary>
    public DateTimeOffset? NextRetryAt { get; init; }

    /// <summary>Gets the link to the execution (or the interface) in the console, from <see cref="NotificationOptions.ConsoleLink"/>; null when none is set.</summary>
    public Uri? ConsoleLink { get; init; }
}
