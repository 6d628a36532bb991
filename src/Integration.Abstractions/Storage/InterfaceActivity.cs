namespace Integration;

/// <summary>
/// What the store holds about one interface's executions, read in one call for many interfaces
/// (<see cref="IExecutionStore.GetInterfaceActivityAsync"/>): what an overview of the interfaces shows.
/// </summary>
/// <remarks>
/// "Last" is by id, as in <see cref="IExecutionStore.QueryAsync"/> (newest first): ids sort by creation time. For a
/// real-time interface the last execution is the current day's daily execution, which runs all day.
/// </remarks>
public sealed record InterfaceActivity
{
    /// <summary>Gets the interface.</summary>
    public required string InterfaceId { get; init; }

    /// <summary>Gets the interface's newest execution, whatever its status (running included); null when it has none.</summary>
    public Execution? LastExecution { get; init; }

    /// <summary>Gets the interface's newest execution that ended <see cref="ExecutionStatus.KO"/>; null when none did.</summary>
    public Execution? LastKo { get; init; }

    /// <summary>
    /// Gets the category of the first error line (by sequence) of <see cref="LastKo"/> (a line without one counts as
    /// <see cref="ErrorCategory.Technical"/>); null when it has no error line (it failed without logging one) or there is no KO.
    /// </summary>
    public ErrorCategory? LastKoFirstError { get; init; }

    /// <summary>Gets how many of its executions that started at or after <see cref="InterfaceActivityQuery.Since"/> ended OK.</summary>
    public int OkSince { get; init; }

    /// <summary>Gets how many of its executions that started at or after <see cref="InterfaceActivityQuery.Since"/> ended KO.</summary>
    public int KoSince { get; init; }

    /// <summary>Gets its newest execution that is still <see cref="ExecutionStatus.Running"/> (on any node); null when none is.</summary>
    public Execution? Running { get; init; }

    /// <summary>
    /// Gets a value indicating whether the store holds an execution of the interface that is not a daily one
    /// (<see cref="ExecutionKind.Scheduled"/>: scheduled, manual or re-run). Without one, all its executions are daily.
    /// </summary>
    public bool HasScheduledExecutions { get; init; }
}
