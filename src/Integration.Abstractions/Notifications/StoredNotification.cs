namespace Integration;

/// <summary>
/// A notification waiting in the store's outbox (<see cref="IExecutionStore.EnqueueNotificationAsync"/>) until a node
/// delivers it. Its <see cref="Id"/> is derived from what it reports (the execution, or the interface and occurrence),
/// so every node that notices the same transition stores the same row once, and it is delivered once.
/// </summary>
public sealed record StoredNotification
{
    /// <summary>Gets the notification's key, unique in the store, e.g. <c>turned-ko/&lt;execution id&gt;</c>; at most 200 characters.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the interface it is about.</summary>
    public required string InterfaceId { get; init; }

    /// <summary>Gets what it reports.</summary>
    public required NotificationKind Kind { get; init; }

    /// <summary>Gets the notification itself, as the runtime serialised it (JSON); the store keeps it as it is.</summary>
    public required string Payload { get; init; }

    /// <summary>Gets when the store recorded it, by its own clock (ignored on <see cref="IExecutionStore.EnqueueNotificationAsync"/>).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets how many times a node claimed it to deliver it.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets the node that last claimed it; null while no node has.</summary>
    public string? ClaimedBy { get; init; }

    /// <summary>Gets when it was last claimed, by the store's clock; null while no node has.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>Gets when it was delivered, by the store's clock; null until it is.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>Gets why the last delivery failed; null when none failed, or once it was delivered.</summary>
    public string? LastError { get; init; }
}
