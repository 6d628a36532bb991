namespace Integration;

/// <summary>How an execution ended: what <see cref="IExecutionStore.CompleteAsync"/> records.</summary>
public sealed record ExecutionCompletion
{
    /// <summary>Gets the execution.</summary>
    public required ExecutionId ExecutionId { get; init; }

    /// <summary>Gets the final status; never <see cref="ExecutionStatus.Running"/>.</summary>
    public required ExecutionStatus Status { get; init; }

    /// <summary>Gets why.</summary>
    public ExecutionReason Reason { get; init; }

    /// <summary>Gets when it ended.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Gets the error counts.</summary>
    public ErrorCounts Errors { get; init; }

    /// <summary>Gets a value indicating whether it ran past its maximum duration.</summary>
    public bool DurationExceeded { get; init; }
}
