namespace Integration;

/// <summary>Which executions to list, newest first, and which page.</summary>
public sealed record ExecutionQuery
{
    /// <summary>The largest page a store returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>Gets the interface to list, or null for all.</summary>
    public string? InterfaceId { get; init; }

    /// <summary>Gets the schedule to list, or null for all.</summary>
    public string? ScheduleId { get; init; }

    /// <summary>Gets the status to list, or null for all.</summary>
    public ExecutionStatus? Status { get; init; }

    /// <summary>Gets the kind to list, or null for all.</summary>
    public ExecutionKind? Kind { get; init; }

    /// <summary>
    /// Gets the execution whose re-runs to list (executions whose <see cref="Execution.RerunOf"/> is this id), or null
    /// for all. Stores index it, so finding the re-runs of an execution reads only them.
    /// </summary>
    public ExecutionId? RerunOf { get; init; }

    /// <summary>Gets the earliest start time (inclusive), or null.</summary>
    public DateTimeOffset? StartedFrom { get; init; }

    /// <summary>Gets the latest start time (exclusive), or null.</summary>
    public DateTimeOffset? StartedBefore { get; init; }

    /// <summary>Gets the paging cursor: only executions whose id sorts before it (<see cref="ExecutionPage.Next"/> of the previous page).</summary>
    public ExecutionId? Before { get; init; }

    /// <summary>Gets the page size, from 1 to <see cref="MaxLimit"/>; defaults to 50.</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Checks the query's values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        if (Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(Limit), Limit, $"An execution query's limit must be between 1 and {MaxLimit}.");
        }
    }
}
