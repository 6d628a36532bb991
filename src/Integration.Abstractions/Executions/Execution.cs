namespace Integration;

/// <summary>
/// One run of a schedule, or one local day of real-time calls: a snapshot of what the store holds.
/// </summary>
public sealed record Execution
{
    /// <summary>Gets the execution's id; ids sort by creation time.</summary>
    public required ExecutionId Id { get; init; }

    /// <summary>Gets the id of the interface it belongs to.</summary>
    public required string InterfaceId { get; init; }

    /// <summary>Gets the id of the schedule that created it (<c>&lt;interface&gt;_daily</c> for a daily execution).</summary>
    public required string ScheduleId { get; init; }

    /// <summary>Gets what the execution groups.</summary>
    public ExecutionKind Kind { get; init; }

    /// <summary>Gets what created it.</summary>
    public ExecutionTrigger Trigger { get; init; }

    /// <summary>Gets what it works on; a re-run has its original's window; a daily execution's is its local day.</summary>
    public ExecutionWindow Window { get; init; }

    /// <summary>Gets the execution this one re-runs, if it is a re-run.</summary>
    public ExecutionId? RerunOf { get; init; }

    /// <summary>
    /// Gets the key the store keeps unique: (schedule, occurrence) for a scheduled occurrence,
    /// (interface, local date) for a daily execution; null for manual runs and re-runs.
    /// </summary>
    public string? UniqueKey { get; init; }

    /// <summary>Gets the status.</summary>
    public ExecutionStatus Status { get; init; } = ExecutionStatus.Running;

    /// <summary>Gets why it has that status.</summary>
    public ExecutionReason Reason { get; init; } = ExecutionReason.None;

    /// <summary>Gets when it started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets when it ended; null while running.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Gets a value indicating whether it ran past its maximum duration.</summary>
    public bool DurationExceeded { get; init; }

    /// <summary>
    /// Gets how many error lines of each category it holds: the store counts them as they land (late lines of an
    /// ended execution included), and an execution that ended never shows OK while this is above zero.
    /// </summary>
    public ErrorCounts Errors { get; init; }

    /// <summary>Gets the node (host instance) that runs or ran it.</summary>
    public string? NodeId { get; init; }

    /// <summary>Gets when its node last reported it alive.</summary>
    public DateTimeOffset? HeartbeatAt { get; init; }

    /// <summary>Gets how long it lasted; null while running.</summary>
    public TimeSpan? Duration => EndedAt - StartedAt;

    /// <summary>Gets a value indicating whether it has ended.</summary>
    public bool IsEnded => Status != ExecutionStatus.Running;

    /// <summary>
    /// Gets the cancel request stored on the execution (who asked, when), for a console to show "cancel requested by …"
    /// while its node has not acted on it yet; null when none was stored. Set by
    /// <see cref="IExecutionStore.RequestCancelAsync"/>; ignored by <see cref="IExecutionStore.CreateAsync"/>.
    /// </summary>
    public CancelRequest? CancelRequest { get; init; }
}
